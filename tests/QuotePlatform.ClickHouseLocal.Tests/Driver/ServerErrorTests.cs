using ClickHouse.Driver;

namespace QuotePlatform.ClickHouseLocal.Tests.Driver;

/// <summary>Errors reach the driver as its normal server exception, with ClickHouse's own codes.</summary>
public sealed class ServerErrorTests
{
    [Fact]
    public async Task ExecuteNonQueryAsync_SyntaxError_ThrowsServerExceptionWithCode62()
    {
        using var client = LocalEndpoint.CreateClient();

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteNonQueryAsync("SELEC 1"));

        Assert.Equal(62, error.ErrorCode);
        Assert.StartsWith("Code: 62. DB::Exception: Syntax error", error.Message, StringComparison.Ordinal);
        Assert.Contains("(SYNTAX_ERROR)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteReaderAsync_UnknownTable_ThrowsServerExceptionWithCode60()
    {
        using var client = LocalEndpoint.CreateClient();
        var table = LocalEndpoint.UniqueName("missing");

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteReaderAsync($"SELECT * FROM {table}"));

        Assert.Equal(60, error.ErrorCode);
        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Contains("(UNKNOWN_TABLE)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertBinaryAsync_UnknownTable_ThrowsServerExceptionWithCode60()
    {
        using var client = LocalEndpoint.CreateClient();
        var options = new InsertOptions { ColumnTypes = new Dictionary<string, string> { ["n"] = "UInt32" } };

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() =>
            client.InsertBinaryAsync(LocalEndpoint.UniqueName("missing"), ["n"], [[1u]], options));

        Assert.Equal(60, error.ErrorCode);
    }

    [Fact]
    public async Task ExecuteScalarAsync_Session_RefusedAsNotImplemented()
    {
        using var client = new ClickHouseClient(LocalEndpoint.ConnectionString + ";UseSession=true");

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT 1"));

        Assert.Equal(48, error.ErrorCode);
    }

    [Fact]
    public async Task ExecuteScalarAsync_MaxExecutionTimeExceeded_ThrowsServerExceptionWithCode159()
    {
        using var client = LocalEndpoint.CreateClient();
        var options = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_execution_time"] = 1 } };

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() =>
            client.ExecuteScalarAsync("SELECT count() FROM system.numbers WHERE sleepEachRow(0.3) = 0 SETTINGS max_block_size = 1", options: options));

        Assert.Equal(159, error.ErrorCode);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_AfterErrors_ConnectionsStillServe()
    {
        using var client = LocalEndpoint.CreateClient();
        for (var i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteNonQueryAsync("SELECT throwIf(1)"));
        }

        Assert.Equal((byte)42, await client.ExecuteScalarAsync("SELECT 42"));
    }
}
