using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Ticks;

/// <summary>A validated [from, to) range of tick times, and the page limits of GetTicks.</summary>
internal static class TickRange
{
    /// <summary>About one symbol-day (a tick every 3 s: ~4,800).</summary>
    public const int DefaultPageSize = 5_000;

    public const int MaxPageSize = 20_000;

    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    /// <summary>to 0 means now; from 0 means the longest range back. INVALID_ARGUMENT when reversed, negative or too long.</summary>
    public static (long From, long To) Parse(long fromUnixMs, long toUnixMs, TimeProvider time)
    {
        if (fromUnixMs < 0 || toUnixMs < 0)
        {
            throw RequestErrors.Invalid("from_unix_ms and to_unix_ms are epoch milliseconds and cannot be negative");
        }

        var maxSpan = (long)MaxSpan.TotalMilliseconds;
        var to = toUnixMs == 0 ? time.GetUtcNow().ToUnixTimeMilliseconds() + 1 : toUnixMs;
        var from = fromUnixMs == 0 ? to - maxSpan : fromUnixMs;
        if (from >= to)
        {
            throw RequestErrors.Invalid("from_unix_ms must be before to_unix_ms");
        }

        if (to - from > maxSpan)
        {
            throw RequestErrors.Invalid($"the range is longer than {MaxSpan.TotalDays:0} days, the limit for ticks; ask a shorter range");
        }

        return (from, to);
    }
}
