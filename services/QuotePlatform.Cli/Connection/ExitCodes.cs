namespace QuotePlatform.Cli.Connection;

/// <summary>
/// What `quote` exits with, so a script can branch on the outcome (documented in docs/clients.md,
/// "Command line" section; keep the two in step).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Usage or bad input: unknown option, bad date or period, a request the server refused as invalid.</summary>
    public const int BadInput = 1;

    /// <summary>Unknown symbol, consumer or group.</summary>
    public const int NotFound = 2;

    /// <summary>The query service (or ClickHouse, for backfill and migrate) did not answer.</summary>
    public const int Unreachable = 3;

    /// <summary>Admin key missing, or refused by the server.</summary>
    public const int NotAuthorized = 4;

    /// <summary>The server answered with a failure of its own (internal error, stopped consumer, ...).</summary>
    public const int ServerError = 5;

    /// <summary>quote verify: the bars the tick archive makes and the stored bars disagree.</summary>
    public const int Disagrees = 6;

    /// <summary>Interrupted (Ctrl-C) before a one-shot command finished; watch and consume end with 0.</summary>
    public const int Interrupted = 130;
}
