namespace QuotePlatform.Streams;

/// <summary>
/// Redis key names. Every per-shard key carries the shard in a hash tag ("{bars:07}") so that all
/// keys of one shard live in one Redis Cluster slot while shards spread over the cluster.
/// </summary>
public sealed class StreamKeys(string prefix = StreamKeys.DefaultPrefix)
{
    public const string DefaultPrefix = "qp";

    public string Prefix { get; } = prefix;

    /// <summary>Durable stream of final bars for one shard.</summary>
    public string Bars(int shard) => $"{Prefix}:{{bars:{shard:D2}}}:final";

    /// <summary>Short-retention stream of forming (not final) bars for live subscribers.</summary>
    public string FormingBars(int shard) => $"{Prefix}:{{bars:{shard:D2}}}:forming";

    /// <summary>Durable stream of archived ticks for one shard (same hash tag: one script writes a shard's bars and ticks).</summary>
    public string Ticks(int shard) => $"{Prefix}:{{bars:{shard:D2}}}:ticks";

    /// <summary>Hash: symbol → latest Quote (protobuf).</summary>
    public string LatestQuotes(int shard) => $"{Prefix}:{{bars:{shard:D2}}}:quotes";

    /// <summary>Hash: symbol → time (epoch ms) of the quote held in <see cref="LatestQuotes"/>.</summary>
    public string LatestQuoteTimes(int shard) => $"{LatestQuotes(shard)}:times";

    /// <summary>Hash: consumer → when an administrator asked it to stop (epoch ms), per consumer group.</summary>
    public string ConsumerStopRequests(string group) => $"{Prefix}:control:stop:{group}";

    /// <summary>Hash: live consumer group → subscription mode, for the admin API.</summary>
    public string LiveGroupModes => $"{Prefix}:live:modes";

    /// <summary>Hash of the numbers one service instance last published (expires when it goes silent).</summary>
    public string ServiceStats(string service, string instance) => $"{Prefix}:stats:{service}:{instance}";

    /// <summary>Sorted set of <see cref="ServiceStats"/> keys, scored by their last publication (epoch ms).</summary>
    public string ServiceStatsIndex => $"{Prefix}:stats";

    /// <summary>Hash: period number → "days|setting", the retention the storage writers apply (see RetentionRegistry).</summary>
    public string Retention => $"{Prefix}:storage:retention";

    /// <summary>Stream of trading calendars from the terminal (one entry per calendar, protobuf TradingCalendar).</summary>
    public string Calendars => $"{Prefix}:calendar";

    /// <summary>Stream of instrument details and dividend factors from the terminal (protobuf InstrumentReferences per entry).</summary>
    public string Instruments => $"{Prefix}:instruments";

    /// <summary>Sorted set of batch sequences already written for one producer.</summary>
    public string ProducerBatches(string producerId) => $"{Prefix}:{{producer:{producerId}}}:batches";

    /// <summary>Hash: the lease of one feed of hot-standby ingests (holder, epoch, standby, last failover).</summary>
    public string FeedLease(string feed) => $"{Prefix}:{{feed:{feed}}}:lease";

    /// <summary>Hash: period number → the latest final bar frame (epoch ms) the feed has stored.</summary>
    public string FeedStored(string feed) => $"{Prefix}:{{feed:{feed}}}:stored";

    /// <summary>Set of the feeds that ever had a lease, for statistics.</summary>
    public string Feeds => $"{Prefix}:feeds";
}
