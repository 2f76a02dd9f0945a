using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.ClickHouse;

/// <summary>
/// Rows per second for a one-million-row InsertBinaryAsync of minute-bar-shaped rows through the
/// ClickHouse endpoint at QP_CLICKHOUSE_URL. Usage: clickhouse-insert [runs=5] [rows=1000000].
/// </summary>
public sealed class ClickHouseInsertBenchmark : IBenchmarkCommand
{
    private static readonly Dictionary<string, string> ColumnTypes = new()
    {
        ["symbol"] = "LowCardinality(String)",
        ["bar_end"] = "DateTime64(3, 'UTC')",
        ["close"] = "Float64",
        ["volume"] = "UInt64",
    };

    public string Name => "clickhouse-insert";

    public string Description => "rows/s of a 1M-row InsertBinaryAsync through the ClickHouse endpoint [runs] [rows]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var rowCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var endpoint = new Uri(TestServers.ClickHouseUrl);
        using var client = new ClickHouseClient($"Host={endpoint.Host};Port={endpoint.Port};Protocol={endpoint.Scheme}");
        var table = $"bench_insert_{Guid.NewGuid():N}";
        await client.ExecuteNonQueryAsync(
            $"CREATE TABLE {table} (symbol LowCardinality(String), bar_end DateTime64(3, 'UTC'), close Float64, volume UInt64) " +
            "ENGINE = MergeTree ORDER BY (symbol, bar_end)",
            cancellationToken: cancellationToken);

        // Rows are built once, so each run measures serialization, transport and the engine only.
        var start = new DateTime(2026, 1, 5, 1, 31, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, rowCount)
            .Select(i => new object[] { $"{600000 + i % 5000:D6}.SH", start.AddMinutes(i / 5000), 10 + i % 977 / 100.0, (ulong)(i % 10_000) * 100 })
            .ToArray();
        var options = new InsertOptions { ColumnTypes = ColumnTypes };

        var rates = new List<double>();
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                await client.ExecuteNonQueryAsync($"TRUNCATE TABLE {table}", cancellationToken: cancellationToken);
                var stopwatch = Stopwatch.StartNew();
                var inserted = await client.InsertBinaryAsync(table, ColumnTypes.Keys, rows, options, cancellationToken);
                stopwatch.Stop();
                var rate = inserted / stopwatch.Elapsed.TotalSeconds;
                rates.Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {inserted:N0} rows in {stopwatch.Elapsed.TotalMilliseconds:F0} ms = {rate:N0} rows/s"));
            }

            var counted = await client.ExecuteScalarAsync($"SELECT count() FROM {table}", cancellationToken: cancellationToken);
            var median = rates.Order().ElementAt(rates.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clickhouse-insert: median {median:N0} rows/s over {runs} runs of {rowCount:N0} rows (last run counted {counted} rows)"));
        }
        finally
        {
            await client.ExecuteNonQueryAsync($"DROP TABLE IF EXISTS {table}", cancellationToken: CancellationToken.None);
        }
    }
}
