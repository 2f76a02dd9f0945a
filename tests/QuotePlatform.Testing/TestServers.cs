namespace QuotePlatform.Testing;

/// <summary>
/// Addresses of the real servers that `scripts/dev.sh test` starts for the test run. A missing
/// variable fails the test (never skips it): run the suite through the script.
/// </summary>
public static class TestServers
{
    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6390".</summary>
    public static string Redis => Required("QP_REDIS");

    /// <summary>Base URL of the ClickHouse HTTP interface, e.g. "http://127.0.0.1:8124".</summary>
    public static string ClickHouseUrl => Required("QP_CLICKHOUSE_URL");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests with `scripts/dev.sh test`, which starts Redis and ClickHouse and sets it.");
}
