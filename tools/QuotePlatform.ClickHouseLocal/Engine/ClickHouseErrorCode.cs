namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>The ClickHouse error codes the endpoint raises itself (values from errorCodeToName).</summary>
internal enum ClickHouseErrorCode
{
    UnknownException = 1002,
    BadArguments = 36,
    NotImplemented = 48,
    SyntaxError = 62,
    UnknownCompressionMethod = 89,
    Readonly = 164,
    QueryIsTooLarge = 229,
    QueryWasCancelled = 394,
    CannotDecompress = 271,
    Aborted = 236,
}
