using ClickHouse.Driver;
using QuotePlatform.Testing;

namespace QuotePlatform.ClickHouseLocal.Tests;

/// <summary>The running endpoint (QP_CLICKHOUSE_URL), reached as users reach it: through ClickHouse.Driver.</summary>
internal static class LocalEndpoint
{
    public static Uri BaseUri => new(TestServers.ClickHouseUrl);

    public static string ConnectionString => $"Host={BaseUri.Host};Port={BaseUri.Port};Protocol={BaseUri.Scheme}";

    public static ClickHouseClient CreateClient() => new(ConnectionString);

    /// <summary>A table or database name no other test uses, so tests can share one server.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
