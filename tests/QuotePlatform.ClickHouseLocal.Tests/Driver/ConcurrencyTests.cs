using ClickHouse.Driver;

namespace QuotePlatform.ClickHouseLocal.Tests.Driver;

/// <summary>More concurrent requests than pooled connections: each waits its turn and gets its own answer.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task InsertAndQuery_ManyAtOnce_EachTableGetsExactlyItsRows()
    {
        using var client = LocalEndpoint.CreateClient();
        var tables = Enumerable.Range(0, 8).Select(_ => LocalEndpoint.UniqueName("concurrent")).ToList();
        var options = new InsertOptions { ColumnTypes = new Dictionary<string, string> { ["n"] = "UInt64" }, BatchSize = 5_000 };

        await Task.WhenAll(tables.Select(async (table, index) =>
        {
            await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (n UInt64) ENGINE = MergeTree ORDER BY n");
            var rows = Enumerable.Range(0, 20_000).Select(n => new object[] { (ulong)(n * (index + 1)) });
            await client.InsertBinaryAsync(table, ["n"], rows, options);
        }));

        var sums = await Task.WhenAll(tables.Select(table => client.ExecuteScalarAsync($"SELECT sum(n) FROM {table}")));

        for (var index = 0; index < tables.Count; index++)
        {
            Assert.Equal((ulong)(index + 1) * 19_999 * 20_000 / 2, sums[index]);
        }

        await Task.WhenAll(tables.Select(table => client.ExecuteNonQueryAsync($"DROP TABLE {table}")));
    }
}
