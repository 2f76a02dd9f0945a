using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace QuotePlatform.ClickHouseLocal.Tests.Driver;

/// <summary>The driver's own insert and read paths against the endpoint, checked value by value.</summary>
public sealed class InsertAndQueryTests
{
    private const int RowCount = 1_000_000;
    private const int SymbolCount = 100;
    private static readonly DateTime Start = new(2026, 1, 5, 1, 30, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> ColumnTypes = new()
    {
        ["symbol"] = "LowCardinality(String)",
        ["ts"] = "DateTime64(3, 'UTC')",
        ["price"] = "Float64",
        ["volume"] = "UInt64",
        ["seq"] = "UInt32",
    };

    [Fact]
    public async Task InsertBinaryAsync_OneMillionRows_ReadBackExactly()
    {
        using var client = LocalEndpoint.CreateClient();
        var table = await CreateTableAsync(client);

        var inserted = await client.InsertBinaryAsync(
            table, ColumnTypes.Keys, Rows(RowCount), new InsertOptions { ColumnTypes = ColumnTypes });

        Assert.Equal(RowCount, inserted);
        Assert.Equal((ulong)RowCount, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
        Assert.Equal(3UL * (RowCount - 1) * RowCount / 2, await client.ExecuteScalarAsync($"SELECT sum(volume) FROM {table}"));

        // One row by a {seq:UInt32} parameter.
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("seq", 777_777u);
        using (var reader = await client.ExecuteReaderAsync(
            $"SELECT symbol, ts, price, volume FROM {table} WHERE seq = {{seq:UInt32}}", parameters))
        {
            Assert.True(reader.Read());
            var expected = Row(777_777);
            Assert.Equal(expected[0], reader.GetString(0));
            Assert.Equal(expected[1], reader.GetDateTime(1));
            Assert.Equal(expected[2], reader.GetDouble(2));
            Assert.Equal(expected[3], reader.GetValue(3));
            Assert.False(reader.Read());
        }

        // An aggregation per symbol, filtered by a {symbol:String} parameter.
        var bySymbol = new ClickHouseParameterCollection();
        bySymbol.AddParameter("symbol", "S0042");
        using (var reader = await client.ExecuteReaderAsync(
            $"SELECT count(), sum(volume), min(price), max(seq) FROM {table} WHERE symbol = {{symbol:String}}", bySymbol))
        {
            var rows = Enumerable.Range(0, RowCount).Where(i => i % SymbolCount == 42).ToList();
            Assert.True(reader.Read());
            Assert.Equal((ulong)rows.Count, reader.GetValue(0));
            Assert.Equal(rows.Aggregate(0UL, (sum, i) => sum + (ulong)i * 3), reader.GetValue(1));
            Assert.Equal(rows.Min(i => (double)Row(i)[2]), reader.GetDouble(2));
            Assert.Equal((uint)rows.Max(), reader.GetValue(3));
        }

        await client.ExecuteNonQueryAsync($"DROP TABLE {table}");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task InsertBinaryAsync_EachCompression_RowsArriveIntact(string compression)
    {
        using var client = LocalEndpoint.CreateClient();
        var table = await CreateTableAsync(client);
        var options = new InsertOptions
        {
            ColumnTypes = ColumnTypes,
            Compressor = compression switch
            {
                "gzip" => ClickHouse.Driver.Compression.GZipCompressor.Default,
                "lz4" => ClickHouse.Driver.Compression.Lz4Compressor.Default,
                "zstd" => ClickHouse.Driver.Compression.ZstdCompressor.Default,
                _ => null,
            },
        };

        await client.InsertBinaryAsync(table, ColumnTypes.Keys, Rows(10_000), options);

        Assert.Equal(10_000UL, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
        Assert.Equal(3UL * 9_999 * 10_000 / 2, await client.ExecuteScalarAsync($"SELECT sum(volume) FROM {table}"));
        await client.ExecuteNonQueryAsync($"DROP TABLE {table}");
    }

    [Fact]
    public async Task InsertBinaryAsync_WithoutColumnTypes_ProbesSchemaAndInserts()
    {
        using var client = LocalEndpoint.CreateClient();
        var table = await CreateTableAsync(client);

        await client.InsertBinaryAsync(table, ColumnTypes.Keys, Rows(1_000));

        using var reader = await client.ExecuteReaderAsync($"SELECT symbol, ts, price, volume, seq FROM {table} WHERE seq = 999");
        Assert.True(reader.Read());
        var expected = Row(999);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(reader.GetValue).ToArray());
        await client.ExecuteNonQueryAsync($"DROP TABLE {table}");
    }

    [Fact]
    public async Task ExecuteScalarAsync_StringParameterWithEscapes_ReturnsItUnchanged()
    {
        using var client = LocalEndpoint.CreateClient();
        const string value = "tab\there 'quote' back\\slash 中文\nnew line";
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("text", value);

        Assert.Equal(value, await client.ExecuteScalarAsync("SELECT {text:String}", parameters));
    }

    [Fact]
    public async Task ExecuteScalarAsync_SettingInUrl_AppliesToThatQueryOnly()
    {
        using var client = LocalEndpoint.CreateClient();
        var withSetting = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["max_block_size"] = 1234 } };

        // Sequential requests rotate through every pooled connection, so each one is checked.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("1234", (await client.ExecuteScalarAsync("SELECT getSetting('max_block_size')", options: withSetting))?.ToString());
        }

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("65409", (await client.ExecuteScalarAsync("SELECT getSetting('max_block_size')"))?.ToString());
        }
    }

    [Fact]
    public async Task InsertBinaryAsync_DatabaseOption_WritesIntoThatDatabase()
    {
        using var client = LocalEndpoint.CreateClient();
        var database = LocalEndpoint.UniqueName("db");
        await client.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        await client.ExecuteNonQueryAsync($"CREATE TABLE {database}.t (n UInt32) ENGINE = MergeTree ORDER BY n");
        var inDatabase = new InsertOptions { Database = database, ColumnTypes = new Dictionary<string, string> { ["n"] = "UInt32" } };

        await client.InsertBinaryAsync("t", ["n"], Enumerable.Range(1, 100).Select(n => new object[] { (uint)n }), inDatabase);

        Assert.Equal(5050UL, await client.ExecuteScalarAsync("SELECT sum(n) FROM t", options: new QueryOptions { Database = database }));
        Assert.Equal("default", await client.ExecuteScalarAsync("SELECT currentDatabase()"));
        await client.ExecuteNonQueryAsync($"DROP DATABASE {database}");
    }

    private static async Task<string> CreateTableAsync(ClickHouseClient client)
    {
        var table = LocalEndpoint.UniqueName("bars");
        await client.ExecuteNonQueryAsync(
            $"""
            CREATE TABLE {table}
            (
                symbol LowCardinality(String),
                ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
                price Float64 CODEC(Gorilla),
                volume UInt64,
                seq UInt32
            )
            ENGINE = MergeTree ORDER BY (symbol, ts)
            """);
        return table;
    }

    private static IEnumerable<object[]> Rows(int count) => Enumerable.Range(0, count).Select(Row);

    private static object[] Row(int i) =>
    [
        $"S{i % SymbolCount:D4}",
        Start.AddSeconds(i),
        1 + (i % 1000) / 100.0,
        (ulong)i * 3,
        (uint)i,
    ];
}
