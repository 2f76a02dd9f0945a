namespace QuotePlatform.Relay.Telemetry;

internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Warning, "Batch {Sequence} of producer {Producer} not confirmed by Redis; answered FAILED so the producer resends")]
    public static partial void BatchFailed(ILogger logger, string producer, ulong sequence, Exception exception);

    [LoggerMessage(2, LogLevel.Information,
        "Relay report over {Seconds:F0} s: {BatchesPerSecond:F1} batches/s, {BarsPerSecond:F0} bars/s, {QuotesPerSecond:F0} quotes/s, "
        + "{Rejected} items rejected, {Failed} batches failed, Redis write avg {RedisAverageMs:F2} ms max {RedisMaxMs:F2} ms")]
    public static partial void Report(
        ILogger logger, double seconds, double batchesPerSecond, double barsPerSecond, double quotesPerSecond, long rejected, long failed, double redisAverageMs, double redisMaxMs);

    [LoggerMessage(3, LogLevel.Information, "Producer {Producer} connected")]
    public static partial void ProducerConnected(ILogger logger, string producer);

    [LoggerMessage(4, LogLevel.Information, "Relay stopping: no new batches are read from producer {Producer}; batches in flight are acknowledged first")]
    public static partial void Draining(ILogger logger, string producer);

    [LoggerMessage(5, LogLevel.Error,
        "Stream {Stream} uses {UsedBytes} bytes, {Percent:F0}% of its cap of {CapBytes} bytes (Relay:Trimming:StreamMemoryCapBytes): consumers are falling behind or the cap is too small")]
    public static partial void StreamNearMemoryCap(ILogger logger, string stream, long usedBytes, double percent, long capBytes);

    [LoggerMessage(6, LogLevel.Warning,
        "Stream {Stream} holds {Length} entries (limit {Limit}): consumer group {Group} has not read or acknowledged the older ones, so they are kept")]
    public static partial void TrimHeldBack(ILogger logger, string stream, long length, long limit, string group);

    [LoggerMessage(7, LogLevel.Warning, "Trimming pass failed; retrying at the next interval")]
    public static partial void TrimFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "Trimmed {Removed} entries from {Stream}, {Length} left")]
    public static partial void Trimmed(ILogger logger, string stream, long removed, long length);

    [LoggerMessage(9, LogLevel.Warning,
        "Batch {Sequence} of producer {Producer} FENCED: feed {Feed} lease epoch {Epoch} is older than the current {CurrentEpoch} held by {Holder}; nothing written, the sender becomes the standby")]
    public static partial void BatchFenced(ILogger logger, string producer, ulong sequence, string feed, ulong epoch, ulong currentEpoch, string holder);

    [LoggerMessage(10, LogLevel.Warning, "Feed {Feed}: lease granted to {Producer} under epoch {Epoch} (previous holder: {Previous}); its batches are the only ones written now")]
    public static partial void LeaseGranted(ILogger logger, string feed, string producer, ulong epoch, string previous);

    [LoggerMessage(11, LogLevel.Information, "Feed {Feed}: {Producer} released the lease of epoch {Epoch}; a standby takes it over")]
    public static partial void LeaseReleased(ILogger logger, string feed, string producer, ulong epoch);
}
