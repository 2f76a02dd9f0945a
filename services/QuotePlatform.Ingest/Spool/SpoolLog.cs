namespace QuotePlatform.Ingest.Spool;

internal static partial class SpoolLog
{
    [LoggerMessage(Level = LogLevel.Information, Message =
        "Spool {Directory} opened: {Batches} unacknowledged batches ({Bytes} bytes) to resend, next sequence {NextSequence}, acknowledged through {AckedThrough}")]
    public static partial void Opened(ILogger logger, string directory, int batches, long bytes, ulong nextSequence, ulong ackedThrough);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Spool {Directory} was not closed cleanly: new sequences start {Gap} above the highest one recorded, so a batch that was sent but not yet on disk can never be taken for a resend")]
    public static partial void UncleanClose(ILogger logger, string directory, ulong gap);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Spool segment {Segment}: the record at byte {Offset} is incomplete or damaged ({Reason}); the {Bytes} bytes from there are cut off")]
    public static partial void TornTail(ILogger logger, string segment, long offset, string reason, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message =
        "SPOOL FULL: {Bytes} unacknowledged bytes reached Ingest:Spool:MaxBytes {MaxBytes}; the source is held back until the relay acknowledges batches (nothing is dropped). Is the relay reachable?")]
    public static partial void Full(ILogger logger, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool has room again after {Waited} of back-pressure ({Bytes} bytes unacknowledged)")]
    public static partial void RoomAgain(ILogger logger, TimeSpan waited, long bytes);
}
