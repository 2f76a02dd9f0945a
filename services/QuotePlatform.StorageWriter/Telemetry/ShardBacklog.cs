namespace QuotePlatform.StorageWriter.Telemetry;

public readonly record struct ShardBacklog(int Shard, long Pending, long Lag);
