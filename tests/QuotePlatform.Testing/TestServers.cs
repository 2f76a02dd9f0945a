namespace QuotePlatform.Testing;

/// <summary>
/// The real Redis server and ClickHouse endpoint the tests use. `scripts/dev.sh test` starts one of
/// each for the whole run and passes their addresses (QP_REDIS, QP_CLICKHOUSE_URL); without them, as
/// with a plain `dotnet test` or a run from an IDE, the first test that asks starts its own on free
/// loopback ports, and they stop when the test process ends.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<string> s_redis = new(() =>
        Given("QP_REDIS") ?? Own(() => RedisServerProcess.StartAsync(), redis => redis.Address));

    private static readonly Lazy<string> s_clickHouseUrl = new(() =>
        Given("QP_CLICKHOUSE_URL") ?? Own(() => ClickHouseEndpointProcess.StartAsync(), clickHouse => clickHouse.Url));

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6390".</summary>
    public static string Redis => s_redis.Value;

    /// <summary>Base URL of the ClickHouse HTTP interface, e.g. "http://127.0.0.1:8124".</summary>
    public static string ClickHouseUrl => s_clickHouseUrl.Value;

    private static string? Given(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Own<TServer>(Func<Task<TServer>> start, Func<TServer, string> address)
        where TServer : IAsyncDisposable
    {
        // Started outside xunit's synchronization context, so blocking on it cannot deadlock.
        var server = Task.Run(start).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return address(server);
    }
}
