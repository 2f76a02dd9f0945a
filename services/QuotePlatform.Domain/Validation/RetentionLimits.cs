using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Domain.Validation;

/// <summary>
/// How many days the store keeps each period, and the setting that says so. The bars table's TTL
/// (frame + days) drops an older bar at insert without a word, so every layer that could acknowledge
/// such a bar refuses it first, with a reason that names the setting.
/// </summary>
public sealed class RetentionLimits
{
    public const string BeyondRetention = "beyond_retention";

    private readonly Dictionary<BarPeriod, (int Days, string Setting)> _limits;

    public RetentionLimits(IEnumerable<(BarPeriod Period, int Days, string Setting)> limits) =>
        _limits = limits.ToDictionary(l => l.Period, l => (l.Days, l.Setting));

    /// <summary>How refusals are counted: by reason, and for retention also by period ("beyond_retention_1m").</summary>
    public static string CountKey(string reason, BarPeriod period) =>
        reason == BeyondRetention && BarPeriods.All.Contains(period) ? $"{reason}_{period.ToLabel()}" : reason;

    /// <summary>How many days the tick archive keeps a tick, and the setting; null when not published.</summary>
    public (int Days, string Setting)? Ticks { get; init; }

    public IEnumerable<(BarPeriod Period, int Days, string Setting)> All => _limits.Select(l => (l.Key, l.Value.Days, l.Value.Setting));

    /// <summary>
    /// Null when the store keeps a bar of this frame until at least <paramref name="nowUnixMs"/> +
    /// <paramref name="margin"/>; else why not. Periods without a limit are kept.
    /// </summary>
    public BarRejection? Check(BarPeriod period, long frameUnixMs, long nowUnixMs, TimeSpan margin)
    {
        if (!_limits.TryGetValue(period, out var limit))
        {
            return null;
        }

        var expiresUnixMs = frameUnixMs + (limit.Days * BeijingTime.MillisecondsPerDay);
        if (expiresUnixMs > nowUnixMs + (long)margin.TotalMilliseconds)
        {
            return null;
        }

        return new BarRejection(BeyondRetention, string.Create(CultureInfo.InvariantCulture,
            $"{period.ToLabel()} bar {BeijingTime.Format(frameUnixMs)} is older than the {limit.Days}-day retention of {period.ToLabel()} bars " +
            $"({limit.Setting}); the store would drop it at once. Raise {limit.Setting} on the storage writer (it applies it at start, " +
            $"as does `quote migrate`) to keep it"));
    }

    /// <summary>Null when the tick archive keeps a tick of this time until at least now + margin (or has no limit); else why not.</summary>
    public BarRejection? CheckTick(long timeUnixMs, long nowUnixMs, TimeSpan margin)
    {
        if (Ticks is not { } limit || timeUnixMs + (limit.Days * BeijingTime.MillisecondsPerDay) > nowUnixMs + (long)margin.TotalMilliseconds)
        {
            return null;
        }

        return new BarRejection(BeyondRetention, string.Create(CultureInfo.InvariantCulture,
            $"tick {BeijingTime.Format(timeUnixMs)} is older than the {limit.Days}-day retention of ticks ({limit.Setting}); " +
            $"the store would drop it at once. Raise {limit.Setting} on the storage writer to keep it"));
    }
}
