namespace QuotePlatform.Relay.Telemetry;

/// <summary>What the relay did since the previous report.</summary>
public sealed record RelayReport(long Batches, long FailedBatches, long Bars, long Quotes, long Rejected, TimeSpan RedisAverage, TimeSpan RedisMax);
