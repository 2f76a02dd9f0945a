using System.ComponentModel.DataAnnotations;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Configuration;

namespace QuotePlatform.Storage;

/// <summary>How long bars are kept, per period (applied as the bars table's TTL at start), and the table layout.</summary>
public sealed class StorageOptions : ISectionOptions
{
    public static string Section => "Storage";

    private const string MinRetention = "1.00:00:00";
    // The TTL is a DateTime (32-bit, ends 2106-02-07): a frame plus its retention past that end wraps
    // and ClickHouse drops the row at insert without an error. 50 years keeps today's bars safe.
    private const string MaxRetention = "18262.00:00:00";

    /// <summary>1m bars: 30 days, as the seed kept them.</summary>
    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan OneMinuteRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan FiveMinutesRetention { get; set; } = TimeSpan.FromDays(180);

    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan FifteenMinutesRetention { get; set; } = TimeSpan.FromDays(365);

    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan ThirtyMinutesRetention { get; set; } = TimeSpan.FromDays(730);

    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan SixtyMinutesRetention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Daily bars are small (one row per symbol and day): keep 20 years.</summary>
    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan OneDayRetention { get; set; } = TimeSpan.FromDays(7305);

    /// <summary>The tick archive (table ticks): 30 days, as the seed kept its minute data.</summary>
    [Range(typeof(TimeSpan), MinRetention, MaxRetention)]
    public TimeSpan TickRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Empty (the default): one ClickHouse server. A cluster name from the servers' remote_servers:
    /// Replicated tables on every node and Distributed tables over them (docs/scale-out.md). Chosen
    /// before the first migration; changing it later does not move existing tables.
    /// </summary>
    [RegularExpression("^([A-Za-z_][A-Za-z0-9_-]*)?$", ErrorMessage = "is not a plain ClickHouse cluster name (letters, digits, '_', '-')")]
    public string ClusterName { get; set; } = "";

    /// <summary>The retention of every period in whole days (as the TTL applies it), with the setting's key.</summary>
    public RetentionLimits Limits() => new(BarPeriods.All.Select(period =>
        (period, (int)Math.Ceiling(RetentionOf(period).TotalDays), $"{Section}:{SettingOf(period)}")))
    {
        Ticks = ((int)Math.Ceiling(TickRetention.TotalDays), $"{Section}:{nameof(TickRetention)}"),
    };

    public TimeSpan RetentionOf(BarPeriod period) => period switch
    {
        BarPeriod.OneMinute => OneMinuteRetention,
        BarPeriod.FiveMinutes => FiveMinutesRetention,
        BarPeriod.FifteenMinutes => FifteenMinutesRetention,
        BarPeriod.ThirtyMinutes => ThirtyMinutesRetention,
        BarPeriod.SixtyMinutes => SixtyMinutesRetention,
        _ => OneDayRetention,
    };

    private static string SettingOf(BarPeriod period) => period switch
    {
        BarPeriod.OneMinute => nameof(OneMinuteRetention),
        BarPeriod.FiveMinutes => nameof(FiveMinutesRetention),
        BarPeriod.FifteenMinutes => nameof(FifteenMinutesRetention),
        BarPeriod.ThirtyMinutes => nameof(ThirtyMinutesRetention),
        BarPeriod.SixtyMinutes => nameof(SixtyMinutesRetention),
        _ => nameof(OneDayRetention),
    };
}
