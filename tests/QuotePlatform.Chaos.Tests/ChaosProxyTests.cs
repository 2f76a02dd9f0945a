using System.Security.Cryptography;
using ClickHouse.Driver;
using QuotePlatform.Testing.FullMarket.Chaos;
using QuotePlatform.Storage;
using QuotePlatform.Testing;

namespace QuotePlatform.Chaos.Tests;

public sealed class ChaosProxyTests
{
    [Fact]
    public async Task ChaosProxy_InsertThroughIt_HooksSeeRequestAndAnswer()
    {
        var database = "chaos_proxy_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        using var admin = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await admin.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        await admin.ExecuteNonQueryAsync($"CREATE TABLE {database}.t (x UInt64) ENGINE = MergeTree ORDER BY x");
        await using var proxy = new ChaosProxy(new Uri(TestServers.ClickHouseUrl).Port);
        var requests = 0;
        var answers = 0;
        proxy.BeforeInsert = () => Interlocked.Increment(ref requests) > 0;
        proxy.AfterInsertAnswered = () => Interlocked.Increment(ref answers) > 0;
        using var client = new ClickHouseClient(ClickHouseSettings.Parse($"http://127.0.0.1:{proxy.Port}/{database}?compression=false"));

        await client.ExecuteNonQueryAsync("INSERT INTO t VALUES (1), (2)");
        var count = Convert.ToInt64(await client.ExecuteScalarAsync("SELECT count() FROM t"), System.Globalization.CultureInfo.InvariantCulture);
        await admin.ExecuteNonQueryAsync($"DROP DATABASE {database}");

        Assert.Equal(2, count);
        Assert.Equal(1, requests);
        Assert.Equal(1, answers);
    }
}
