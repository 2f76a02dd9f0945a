namespace QuotePlatform.ClickHouseLocal.Tests.Http;

/// <summary>Clients that give up mid-request leave the endpoint serving, with nothing half-inserted.</summary>
public sealed class ClientDisconnectTests
{
    // More requests than the endpoint has pooled connections, so a leaked connection would show.
    private const int Abandoned = 8;

    [Fact]
    public async Task Insert_ClientDisconnectsMidBody_InsertCancelledAndEndpointServes()
    {
        using var client = LocalEndpoint.CreateClient();
        var table = LocalEndpoint.UniqueName("abandoned");
        await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (n UInt64) ENGINE = MergeTree ORDER BY n");
        var url = $"/?query={Uri.EscapeDataString($"INSERT INTO {table} FORMAT RowBinary")}";

        await Task.WhenAll(Enumerable.Range(0, Abandoned).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = LocalEndpoint.BaseUri };
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            using var body = new EndlessRowBinaryContent();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync(url, body, giveUp.Token));
        }));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(0UL, await client.ExecuteScalarAsync($"SELECT count() FROM {table}", cancellationToken: deadline.Token));
        await client.ExecuteNonQueryAsync($"DROP TABLE {table}", cancellationToken: deadline.Token);
    }

    [Fact]
    public async Task Select_ClientDisconnectsWhileRunning_EndpointServesNextQuery()
    {
        await Task.WhenAll(Enumerable.Range(0, Abandoned).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = LocalEndpoint.BaseUri };
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            using var sql = new StringContent("SELECT sleepEachRow(0.5), number FROM numbers(2)");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync("/", sql, giveUp.Token));
        }));

        using var client = LocalEndpoint.CreateClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal((byte)7, await client.ExecuteScalarAsync("SELECT 7", cancellationToken: deadline.Token));
    }
}
