namespace QuotePlatform.Testing.FullMarket.Cluster;

/// <summary>
/// Where the services of one harness run point: Redis and ClickHouse addresses (a chaos proxy's
/// address where a fault sits in between) and extra configuration per service.
/// </summary>
public sealed record PipelineSettings
{
    public const int ShardCount = 16;

    public required string Redis { get; init; }

    /// <summary>Base URL of the ClickHouse HTTP interface the writer uses (no database).</summary>
    public required string ClickHouseUrl { get; init; }

    /// <summary>Base URL for the harness's own reads and DDL (the real endpoint, never a proxy).</summary>
    public string? AdminClickHouseUrl { get; init; }

    public IReadOnlyDictionary<string, string> Relay { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Writer { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Keep Redis memory small while a day of bars goes through: trim often, keep little once read.
    /// 40 final entries per shard are about 8.5 minutes of a live market (4.7 a minute), so in the
    /// soak the streams reach their bound inside the 10-minute warm-up (the shipped 10,000 take ~35 h).
    /// </summary>
    public static IReadOnlyDictionary<string, string> QuietRelay { get; } = new Dictionary<string, string>
    {
        ["Relay:Trimming:Interval"] = "00:00:01",
        ["Relay:Trimming:FinalMaxEntries"] = "40",
        ["Relay:ReportInterval"] = "00:00:10",
    };
}
