namespace QuotePlatform.Ingest.Leases;

internal static partial class LeaseLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Feed {Feed}: this ingest holds the lease under epoch {Epoch} ({How}); publishing from after the stored frames [{Stored}], {Spooled} spooled batches waiting")]
    public static partial void Holding(ILogger logger, string feed, ulong epoch, string how, string stored, int spooled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: standby, {Holder} holds the lease under epoch {Epoch}; running warm, publishing nothing")]
    public static partial void Standby(ILogger logger, string feed, string holder, ulong epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: lost the lease of epoch {Epoch} ({Reason}); standby now, publishing nothing, the spool keeps what the feed has not stored")]
    public static partial void LostLease(ILogger logger, string feed, ulong epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: lease call failed; holder for {Silent} without a renewal (time to live {Ttl})")]
    public static partial void LeaseCallFailed(ILogger logger, string feed, TimeSpan silent, TimeSpan ttl, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: standby let go of {Released} spooled batches the feed has stored")]
    public static partial void Released(ILogger logger, string feed, int released);
}
