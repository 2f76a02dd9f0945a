namespace QuotePlatform.Ingest.Publishing;

internal static partial class PublishingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing to the relay at {Relay}: {Unacked} spooled batches waiting, oldest first")]
    public static partial void Connecting(ILogger logger, Uri relay, int unacked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay call ended after {Acked} acknowledged batches; reconnecting")]
    public static partial void CallEnded(ILogger logger, long acked, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay at {Relay} unavailable (attempt {Attempt}): {Reason}; next try in {Delay}")]
    public static partial void Retrying(ILogger logger, Uri relay, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay answered batch {Sequence} FAILED: {Error}; it stays spooled and is resent")]
    public static partial void BatchFailed(ILogger logger, ulong sequence, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The relay at {Relay} refused this producer ({Status}: {Detail}); check Ingest:Relay:ApiKey against the relay's Relay:Producers. Stopping: nothing was lost, the spool keeps every batch")]
    public static partial void Refused(ILogger logger, Uri relay, string status, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay answered batch {Sequence} FENCED: {Error}")]
    public static partial void BatchFenced(ILogger logger, ulong sequence, string error);

    [LoggerMessage(Level = LogLevel.Error, Message =
        "TLS: the relay at {Relay} is refused: {Reason}. Check Ingest:Relay:Url's host name and Ingest:Relay:CaFile; nothing is lost, the spool keeps every batch")]
    public static partial void CertificateRefused(ILogger logger, Uri relay, string reason);
}
