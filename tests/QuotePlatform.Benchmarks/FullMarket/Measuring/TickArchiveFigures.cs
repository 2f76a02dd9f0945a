using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Testing;
using QuotePlatform.Testing.FullMarket.Cluster;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>The tick archive's figures after a run: bytes per tick once merged, and GetTicks latency for one symbol-day.</summary>
internal static class TickArchiveFigures
{
    /// <summary>OPTIMIZE FINAL (every part merged), then bytes on disk per row, and the heaviest columns.</summary>
    public static async Task<IReadOnlyList<string>> StorageAsync(BenchPipeline pipeline, CancellationToken cancellationToken)
    {
        var merge = Stopwatch.StartNew();
        await pipeline.Bars.ExecuteNonQueryAsync("OPTIMIZE TABLE ticks FINAL", cancellationToken: cancellationToken);
        merge.Stop();
        var lines = new List<string>();
        using (var reader = await pipeline.Admin.ExecuteReaderAsync(
            $"SELECT sum(rows), sum(bytes_on_disk), sum(data_uncompressed_bytes), count() FROM system.parts WHERE database = '{pipeline.Database}' AND table = 'ticks' AND active",
            cancellationToken: cancellationToken))
        {
            reader.Read();
            var rows = Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture);
            var bytes = Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            var raw = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"tick archive after OPTIMIZE FINAL ({merge.Elapsed.TotalSeconds:F1} s, {reader.GetValue(3)} parts): {rows:N0} ticks, {bytes / 1e6:N1} MB on disk, {bytes / rows:F1} bytes/tick ({raw / rows:F0} uncompressed)"));
        }

        var columns = new List<string>();
        using (var reader = await pipeline.Admin.ExecuteReaderAsync(
            $"SELECT name, data_compressed_bytes FROM system.columns WHERE database = '{pipeline.Database}' AND table = 'ticks' ORDER BY data_compressed_bytes DESC",
            cancellationToken: cancellationToken))
        {
            while (reader.Read())
            {
                columns.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture) / 1e6:F1} MB"));
            }
        }

        lines.Add("  by column: " + string.Join(", ", columns));
        return lines;
    }

    /// <summary>GetTicks of one symbol's whole day (one page) through a query service, for symbols drawn at random.</summary>
    public static async Task<LatencyStats> GetTicksAsync(BenchPipeline pipeline, IReadOnlyList<string> symbols, long dayStartUnixMs, int calls, CancellationToken cancellationToken)
    {
        await using var query = await pipeline.StartQueryAsync();
        using var channel = GrpcChannel.ForAddress(query.Endpoints["Grpc"]);
        var client = new QueryService.QueryServiceClient(channel);
        var random = new Random(5);
        GetTicksRequest Next() => new()
        {
            Symbol = symbols[random.Next(symbols.Count)],
            FromUnixMs = dayStartUnixMs,
            ToUnixMs = dayStartUnixMs + 86_400_000,
        };

        for (var i = 0; i < 20; i++)
        {
            await client.GetTicksAsync(Next(), cancellationToken: cancellationToken);
        }

        var stats = new LatencyStats();
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.GetTicksAsync(Next(), cancellationToken: cancellationToken);
            stats.Add(Stopwatch.GetElapsedTime(started));
            if (response.NextPageToken.Length > 0)
            {
                throw new InvalidOperationException("a symbol-day of ticks did not fit one page");
            }
        }

        return stats;
    }

    /// <summary>`quote verify` over the day (the CLI as a user runs it): its last line and exit code.</summary>
    public static async Task<(string LastLine, int ExitCode, TimeSpan Took)> VerifyAsync(BenchPipeline pipeline, string clickHouseUrl, string date, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { TestRepository.PathOf("services/QuotePlatform.Cli/bin/Release/net10.0/quote.dll"), "verify", "--date", date, "--clickhouse", $"{clickHouseUrl}/{pipeline.Database}" })
        {
            start.ArgumentList.Add(argument);
        }

        var took = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("quote verify did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (lines.Length > 0 ? lines[^1] : (await error).Trim(), process.ExitCode, took.Elapsed);
    }
}
