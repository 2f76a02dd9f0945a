using ClickHouse.Driver;

namespace QuotePlatform.ClickHouseLocal.Tests.Lifecycle;

/// <summary>Start, stop and restart of the endpoint process, as scripts/dev.sh drives it.</summary>
public sealed class EndpointLifecycleTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), LocalEndpoint.UniqueName("qp-clickhouse-local"));

    [Fact]
    public async Task SigTerm_AfterServing_ClosesConnectionsAndExitsWithZero()
    {
        using var endpoint = EndpointProcess.Start(_dataPath);
        Assert.True(await endpoint.WaitReadyAsync(StartTimeout), endpoint.Output);
        using (var client = new ClickHouseClient(endpoint.ConnectionString))
        {
            Assert.Equal((byte)1, await client.ExecuteScalarAsync("SELECT 1"));
        }

        Assert.Equal(0, await endpoint.TerminateAsync(StopTimeout));
        Assert.Contains("Closed 2 engine connections", endpoint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameDataPath_KeepsMergeTreeRows()
    {
        using (var first = EndpointProcess.Start(_dataPath))
        {
            Assert.True(await first.WaitReadyAsync(StartTimeout), first.Output);
            using var client = new ClickHouseClient(first.ConnectionString);
            await client.ExecuteNonQueryAsync("CREATE TABLE kept (n UInt32) ENGINE = MergeTree ORDER BY n");
            await client.InsertBinaryAsync("kept", ["n"], Enumerable.Range(1, 1000).Select(n => new object[] { (uint)n }),
                new InsertOptions { ColumnTypes = new Dictionary<string, string> { ["n"] = "UInt32" } });
            Assert.Equal(0, await first.TerminateAsync(StopTimeout));
        }

        using var second = EndpointProcess.Start(_dataPath);
        Assert.True(await second.WaitReadyAsync(StartTimeout), second.Output);
        using var reader = new ClickHouseClient(second.ConnectionString);
        Assert.Equal(500500UL, await reader.ExecuteScalarAsync("SELECT sum(n) FROM kept"));
        Assert.Equal(0, await second.TerminateAsync(StopTimeout));
    }

    [Fact]
    public async Task Start_LibraryMissing_FailsNamingTheKey()
    {
        using var endpoint = EndpointProcess.Start(_dataPath, libraryPath: Path.Combine(_dataPath, "missing", "libchdb.so"));

        var exitCode = await endpoint.WaitForExitAsync(StartTimeout);

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("ClickHouseLocal:LibraryPath", endpoint.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
