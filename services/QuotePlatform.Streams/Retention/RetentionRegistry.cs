using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Retention;

/// <summary>
/// Where the storage writers say how long the store keeps each period, so that the relay can refuse
/// a bar the store would drop before it acknowledges it. One hash, written by each writer as it
/// starts (after applying the TTL) and read by the relays.
/// </summary>
public sealed class RetentionRegistry(IConnectionMultiplexer redis, StreamKeys keys)
{
    /// <summary>The hash field of the tick archive's retention (bar periods use their number).</summary>
    public const string TicksField = "ticks";

    public Task PublishAsync(RetentionLimits limits) =>
        redis.GetDatabase().HashSetAsync(keys.Retention, [
            .. limits.All.Select(l => new HashEntry((int)l.Period, Format(l.Days, l.Setting))),
            .. limits.Ticks is { } ticks ? [new HashEntry(TicksField, Format(ticks.Days, ticks.Setting))] : Array.Empty<HashEntry>(),
        ]);

    private static string Format(int days, string setting) => string.Create(CultureInfo.InvariantCulture, $"{days}|{setting}");

    /// <summary>The limits published, or null when no writer has published any yet.</summary>
    public async Task<RetentionLimits?> ReadAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Retention);
        var limits = new List<(BarPeriod, int, string)>();
        (int, string)? ticks = null;
        foreach (var entry in entries)
        {
            var text = (string?)entry.Value ?? "";
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !int.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                continue;
            }

            if (entry.Name == TicksField)
            {
                ticks = (days, text[(bar + 1)..]);
            }
            else if (entry.Name.TryParse(out int period))
            {
                limits.Add(((BarPeriod)period, days, text[(bar + 1)..]));
            }
        }

        return limits.Count == 0 && ticks is null ? null : new RetentionLimits(limits) { Ticks = ticks };
    }
}
