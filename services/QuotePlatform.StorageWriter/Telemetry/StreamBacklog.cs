namespace QuotePlatform.StorageWriter.Telemetry;

/// <summary>Per shard: entries delivered but not acked (pending) and entries not yet delivered (lag).</summary>
public sealed record StreamBacklog(IReadOnlyList<ShardBacklog> Shards)
{
    public static StreamBacklog Empty { get; } = new([]);

    public long Pending => Shards.Sum(s => s.Pending);

    public long Lag => Shards.Sum(s => s.Lag);
}
