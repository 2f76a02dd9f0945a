using QuotePlatform.Domain.Bars;
using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Bars;

/// <summary>
/// A validated [from, to) range of bar frames. Bounded per period so one request reads at most a
/// month of 1m bars (about 5,000 per symbol) and never a symbol's whole history by accident.
/// </summary>
internal readonly record struct BarRange(BarPeriod Period, long FromUnixMs, long ToUnixMs)
{
    public static TimeSpan MaxSpan(BarPeriod period) => period switch
    {
        BarPeriod.OneMinute => TimeSpan.FromDays(31),
        BarPeriod.FiveMinutes => TimeSpan.FromDays(183),
        BarPeriod.FifteenMinutes or BarPeriod.ThirtyMinutes or BarPeriod.SixtyMinutes => TimeSpan.FromDays(366),
        _ => TimeSpan.FromDays(366 * 20),
    };

    /// <summary>
    /// to 0 means now; from 0 means as far back as the period's limit allows. Throws
    /// INVALID_ARGUMENT with the limit when the period is unspecified, the range reversed or too long.
    /// </summary>
    public static BarRange Parse(Contracts.MarketData.V1.Period period, long fromUnixMs, long toUnixMs, TimeProvider time)
    {
        var barPeriod = (BarPeriod)period;
        if (!BarPeriods.All.Contains(barPeriod))
        {
            throw RequestErrors.Invalid($"period: give one of PERIOD_1M, PERIOD_5M, PERIOD_15M, PERIOD_30M, PERIOD_60M, PERIOD_1D (got {period})");
        }

        if (fromUnixMs < 0 || toUnixMs < 0)
        {
            throw RequestErrors.Invalid("from_unix_ms and to_unix_ms are epoch milliseconds and cannot be negative");
        }

        var maxSpan = (long)MaxSpan(barPeriod).TotalMilliseconds;
        var to = toUnixMs == 0 ? time.GetUtcNow().ToUnixTimeMilliseconds() + 1 : toUnixMs;
        var from = fromUnixMs == 0 ? to - maxSpan : fromUnixMs;
        if (from >= to)
        {
            throw RequestErrors.Invalid($"from_unix_ms ({from}) must be before to_unix_ms ({to})");
        }

        if (to - from > maxSpan)
        {
            throw RequestErrors.Invalid(
                $"range of {(to - from) / 86_400_000.0:0.#} days is over the limit for {barPeriod.ToLabel()} bars ({maxSpan / 86_400_000} days); ask in pieces");
        }

        return new BarRange(barPeriod, from, to);
    }
}
