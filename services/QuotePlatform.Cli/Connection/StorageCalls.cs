using System.Net.Http;
using ClickHouse.Driver;

namespace QuotePlatform.Cli.Connection;

/// <summary>Work against ClickHouse with its failures turned into messages that say what to do.</summary>
internal static class StorageCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, string connection, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure(
                ExitCodes.Unreachable,
                $"cannot reach ClickHouse at {connection} (from {source}): start it with scripts/dev.sh up or pass --clickhouse ({ex.Message})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"ClickHouse at {connection} (from {source}) did not answer in time");
        }
        catch (ClickHouseServerException ex) when (ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal) || ex.Message.Contains("UNKNOWN_DATABASE", StringComparison.Ordinal))
        {
            throw new CliFailure(ExitCodes.NotFound, $"ClickHouse at {connection} has no bars table there: check the database in the URL, or run quote migrate ({ex.Message})");
        }
        catch (ClickHouseServerException ex)
        {
            throw new CliFailure(ExitCodes.ServerError, $"ClickHouse at {connection} failed the query: {ex.Message}");
        }
    }
}
