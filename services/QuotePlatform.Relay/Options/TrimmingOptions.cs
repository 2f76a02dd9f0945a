using System.ComponentModel.DataAnnotations;

namespace QuotePlatform.Relay.Options;

public sealed class TrimmingOptions
{
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Entries kept per durable (final bars) shard stream once every group has read them. An entry
    /// holds one batch's bars of the shard; a live full market makes ~4.7 entries a minute per shard
    /// (~1,100 a trading day) of ~5 KB (the soak, docs/benchmarks.md). 2,000: almost two trading
    /// days for a subscriber to resume from, about 160 MB of Redis with 16 shards (10,000 was ~800 MB).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long FinalMaxEntries { get; set; } = 2_000;

    [Range(1, long.MaxValue)]
    public long FormingMaxEntries { get; set; } = 1_000;

    /// <summary>
    /// Entries kept per tick shard stream once every group has read them. An entry holds one batch's
    /// ticks of the shard: a live full market makes ~20 a minute per shard of ~50-100 KB. Ticks are read
    /// from the archive, not from the stream: 200 (~10 minutes, ~15 MB a shard) is slack enough.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long TicksMaxEntries { get; set; } = 200;

    /// <summary>Forming bars are only of interest while live: older ones are dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FormingMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Memory one stream may use before it is reported as an error.</summary>
    [Range(1, long.MaxValue)]
    public long StreamMemoryCapBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Fraction of <see cref="StreamMemoryCapBytes"/> at which the report starts.</summary>
    [Range(0.01, 1.0)]
    public double MemoryWarningRatio { get; set; } = 0.8;
}
