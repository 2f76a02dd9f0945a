using ClickHouse.Driver;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Resilience;

/// <summary>Which failures are worth retrying: the server or the network, not the data.</summary>
public static class TransientFailures
{
    // TIMEOUT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES, SOCKET_TIMEOUT, NETWORK_ERROR,
    // MEMORY_LIMIT_EXCEEDED, TABLE_IS_READ_ONLY, TOO_MANY_PARTS, TOO_FEW_LIVE_REPLICAS,
    // UNKNOWN_STATUS_OF_INSERT, QUERY_WAS_CANCELLED, SYSTEM_ERROR, KEEPER_EXCEPTION; and
    // UNKNOWN_TABLE / UNKNOWN_DATABASE: an operator problem to wait out, not bad data to dead-letter.
    private static readonly HashSet<int> TransientServerCodes = [60, 81, 159, 202, 209, 210, 241, 242, 252, 285, 319, 394, 425, 999];

    public static bool IsClickHouse(Exception exception) => exception switch
    {
        HttpRequestException or IOException or TimeoutException => true,
        // The HttpClient timeout surfaces as a cancellation nobody asked for.
        TaskCanceledException { InnerException: TimeoutException } => true,
        // No code: the answer did not come from ClickHouse itself (proxy, endpoint restarting).
        ClickHouseServerException server => server.ErrorCode < 0 || TransientServerCodes.Contains(server.ErrorCode),
        _ => false,
    };

    public static bool IsRedis(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException
        || (exception is RedisServerException server
            && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)));
}
