using System.CommandLine;
using Grpc.Core;

namespace QuotePlatform.Cli.Connection;

/// <summary>
/// Runs a command's body against the query service and turns every way it can fail into a message
/// on stderr and an exit code (<see cref="ExitCodes"/>), so no command prints a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parse,
        Option<string?> server,
        TimeProvider time,
        Func<QueryConnection, TextWriter, TextWriter, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        Endpoint? endpoint = null;
        QueryConnection? connection = null;
        try
        {
            endpoint = ServerAddress.Resolve(parse.GetValue(server), Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
            connection = new QueryConnection(
                endpoint, time, ReadKey.Find(Environment.GetEnvironmentVariable, AddressesFile.FindDefault), Environment.GetEnvironmentVariable(QueryConnection.CaFileVariable));
            return await body(connection, parse.InvocationConfiguration.Output, error);
        }
        catch (RpcException) when (connection?.TlsRefusal is { } refusal)
        {
            return await FailAsync(error, new CliFailure(
                ExitCodes.Unreachable, $"cannot reach the query service at {endpoint} over TLS: {refusal} (set {QueryConnection.CaFileVariable} to the CA's PEM file for a private CA)"));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (RpcException ex) when (endpoint is not null)
        {
            return await FailAsync(error, RpcFailures.Explain(ex, endpoint));
        }
        catch (CliFailure failure)
        {
            return await FailAsync(error, failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public static async Task<int> FailAsync(TextWriter error, CliFailure failure)
    {
        await error.WriteLineAsync($"quote: {failure.Message}");
        return failure.ExitCode;
    }

    /// <summary>The --server option every command that talks to the query service takes.</summary>
    public static Option<string?> ServerOption() => new("--server")
    {
        Description = $"Query service gRPC address, e.g. http://127.0.0.1:5090 (default: {ServerAddress.Variable}, then {AddressesFile.RelativePath})",
    };

    /// <summary>The --admin-key-file option of the admin commands.</summary>
    public static Option<FileInfo?> AdminKeyFileOption() => new("--admin-key-file")
    {
        Description = $"File holding the admin key (default: {AdminKey.FileVariable}, {AdminKey.KeyVariable}, then {AddressesFile.RelativePath}); never pass the key itself",
    };
}
