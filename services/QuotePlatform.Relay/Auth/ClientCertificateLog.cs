namespace QuotePlatform.Relay.Auth;

internal static partial class ClientCertificateLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: a producer's client certificate is refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);
}
