using Grpc.Core;

namespace QuotePlatform.Cli.Connection;

/// <summary>A failed call as a message that says what to do, and the exit code a script can branch on.</summary>
internal static class RpcFailures
{
    public static CliFailure Explain(RpcException ex, Endpoint server) => ex.StatusCode switch
    {
        // A DebugException means the client never got an answer (refused, reset, not HTTP/2);
        // without one the service itself answered UNAVAILABLE because its Redis or ClickHouse is down.
        StatusCode.Unavailable when ex.Status.DebugException is not null => new CliFailure(
            ExitCodes.Unreachable,
            $"cannot reach the query service at {server}: start it with scripts/dev.sh up or pass --server ({Innermost(ex.Status.DebugException)})"),
        StatusCode.Unavailable => new CliFailure(
            ExitCodes.Unreachable,
            $"the query service at {server} cannot serve this now: {ex.Status.Detail} (check its Redis and ClickHouse, see .run/*.log)"),
        StatusCode.DeadlineExceeded => new CliFailure(
            ExitCodes.Unreachable, $"the query service at {server} did not answer in time: try a shorter range, or check the service"),
        StatusCode.InvalidArgument or StatusCode.OutOfRange => new CliFailure(ExitCodes.BadInput, ex.Status.Detail),
        StatusCode.NotFound => new CliFailure(ExitCodes.NotFound, $"{ex.Status.Detail} (`quote symbols PREFIX` lists the known symbols)"),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied when ex.Status.Detail.Contains("read key", StringComparison.Ordinal) => new CliFailure(
            ExitCodes.NotAuthorized, $"the query service at {server} refused the call: {ex.Status.Detail} (set {ReadKey.FileVariable} to a file holding your read key)"),
        StatusCode.Unauthenticated => new CliFailure(
            ExitCodes.NotAuthorized, $"the query service at {server} asks for the admin key: {ex.Status.Detail} (pass --admin-key-file FILE)"),
        StatusCode.PermissionDenied => new CliFailure(
            ExitCodes.NotAuthorized, $"the query service at {server} refused the admin key: {ex.Status.Detail} (check --admin-key-file or {AdminKey.FileVariable})"),
        StatusCode.ResourceExhausted => new CliFailure(ExitCodes.ServerError, $"the query service at {server} limits this client: {ex.Status.Detail}"),
        StatusCode.Unimplemented => new CliFailure(
            ExitCodes.ServerError, $"the service at {server} does not offer this call: is it the query service, and as new as this quote?"),
        StatusCode.Internal when ex.Status.DebugException is not null => new CliFailure(
            ExitCodes.Unreachable,
            $"cannot talk gRPC to {server}: is that the query service's gRPC port (QP_QUERY_URL), not its web port? ({Innermost(ex.Status.DebugException)})"),
        _ => new CliFailure(ExitCodes.ServerError, $"the query service at {server} failed the call: {ex.StatusCode}: {ex.Status.Detail}"),
    };

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message;
    }
}
