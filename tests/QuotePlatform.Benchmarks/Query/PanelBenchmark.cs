using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Benchmarks.Storage;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.Query;

/// <summary>
/// The whole-market panel: one day of 1m bars of every symbol (5,200 × 240 = 1,248,000 bars), read
/// by the Python client's bars_frame into a pandas DataFrame (StreamBarPanel), and by a .NET gRPC
/// client that only counts the bars. The day is stored as the storage writer stores a live day:
/// one insert per minute of the whole market, then a redelivery of 5% of the bars and corrections of
/// 1% (a higher version), so the read has duplicates to collapse with FINAL. The query service runs
/// as a process; its peak RSS (VmHWM) is read from /proc after the runs.
/// Usage: panel [runs=3] [symbols=5200]
/// </summary>
public sealed class PanelBenchmark : IBenchmarkCommand
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));

    public string Name => "panel";

    public string Description => "query service: one day of 1m bars of the whole market into a pandas DataFrame (StreamBarPanel); seconds, peak RSS";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var symbols = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_200;
        var database = "qp_bench_" + Guid.NewGuid().ToString("N")[..10];
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {database}", cancellationToken: cancellationToken);
        try
        {
            using var client = new ClickHouseClient(ClickHouseSettings.Parse($"{TestServers.ClickHouseUrl}/{database}"));
            var stored = await StoreDayAsync(client, symbols, cancellationToken);

            await using var query = await ServiceProcess.StartAsync(
                "QuotePlatform.Query",
                new Dictionary<string, string>
                {
                    ["ConnectionStrings:redis"] = TestServers.Redis,
                    ["ConnectionStrings:clickhouse"] = $"{TestServers.ClickHouseUrl}/{database}",
                    ["Streams:KeyPrefix"] = "bench" + database,
                    ["Query:AdminApiKey"] = Guid.NewGuid().ToString("N"),
                },
                ["Web", "Grpc"],
                TimeSpan.FromSeconds(90));
            var grpc = query.Endpoints["Grpc"];
            var before = ProcessStats.Read(query.ProcessId);
            Console.WriteLine($"query service started: RSS {Mib(before?.RssBytes)} MiB");

            var clickHouseSeconds = new List<double>();
            var dotnetSeconds = new List<double>();
            var pythonSeconds = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var engine = await ReadFromClickHouseAsync(client, cancellationToken);
                clickHouseSeconds.Add(engine.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: ClickHouse alone (the service's statement, answer read and decoded) {engine.Bars:N0} bars in {engine.Seconds:F2} s"));
                var (bars, seconds) = await ReadWithDotnetAsync(grpc, cancellationToken);
                dotnetSeconds.Add(seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: .NET client {bars:N0} bars in {seconds:F2} s"));
                Check(bars, stored);

                var python = await ReadWithPythonAsync($"{grpc.Host}:{grpc.Port}");
                pythonSeconds.Add(python.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: Python bars_frame {python.Rows:N0} rows in {python.Seconds:F2} s (the stream's bytes alone, read again: {python.StreamSeconds:F2} s)"));
                Check(python.Rows, stored);
            }

            var after = ProcessStats.Read(query.ProcessId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"query service: peak RSS {Mib(after?.PeakRssBytes)} MiB (RSS {Mib(after?.RssBytes)} MiB after the runs), CPU {after?.Cpu.TotalSeconds - before?.Cpu.TotalSeconds:F1} s over {runs * 2} reads"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"whole-market panel: {Median(pythonSeconds):F2} s into pandas (median of {runs}), {Median(dotnetSeconds):F2} s to a .NET client, {Median(clickHouseSeconds):F2} s of it ClickHouse, {stored:N0} bars, query service peak RSS {Mib(after?.PeakRssBytes)} MiB"));
        }
        finally
        {
            await server.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {database}", cancellationToken: CancellationToken.None);
        }
    }

    private static StreamBarPanelRequest DayRequest() => new()
    {
        Period = Period._1M,
        FromUnixMs = Day.ToUnixTimeMilliseconds(),
        ToUnixMs = Day.AddDays(1).ToUnixTimeMilliseconds(),
    };

    /// <summary>The distinct bars stored.</summary>
    private static async Task<long> StoreDayAsync(ClickHouseClient client, int symbols, CancellationToken cancellationToken)
    {
        // Retention long enough for the fixed day (the default keeps 30 days of 1m bars).
        var storage = new StorageOptions { OneMinuteRetention = TimeSpan.FromDays(7_300) };
        await new SchemaMigrator(client, Options.Create(storage), TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(cancellationToken);
        Console.WriteLine($"storing one day of 1m bars of {symbols} symbols ({240L * symbols:N0} bars) as 240 full-market inserts, then 5% redelivered and 1% corrected");
        var clock = Stopwatch.StartNew();
        for (var minute = 0; minute < 240; minute++)
        {
            await client.InsertBarsAsync([.. Enumerable.Range(0, symbols).Select(s => Row(s, minute, version: 1))], cancellationToken);
        }

        var redelivered = Enumerable.Range(0, 240 * symbols).Where(n => n % 20 == 0).Select(n => Row(n % symbols, n / symbols, version: 1));
        await client.InsertBarsAsync([.. redelivered], cancellationToken);
        var corrected = Enumerable.Range(0, 240 * symbols).Where(n => n % 100 == 7).Select(n => Row(n % symbols, n / symbols, version: 2));
        await client.InsertBarsAsync([.. corrected], cancellationToken);
        var distinct = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {TableNames.Bars} FINAL", cancellationToken: cancellationToken), CultureInfo.InvariantCulture);
        var physical = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {TableNames.Bars}", cancellationToken: cancellationToken), CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored in {clock.Elapsed.TotalSeconds:F1} s: {distinct:N0} bars, {physical:N0} rows before merges"));
        return distinct;
    }

    /// <summary>A bar of symbol s at minute m: prices wander per symbol, so the columns compress as real ones do.</summary>
    private static BarRow Row(int s, int minute, ulong version)
    {
        var price = Math.Round(5 + (s % 300) + (Math.Sin((s * 0.37) + (minute * 0.05)) * 0.8) + (version - 1), 2);
        var frame = Day.AddMinutes(minute < 120 ? (9 * 60) + 31 + minute : (13 * 60) + 1 + minute - 120).ToUnixTimeMilliseconds();
        var volume = 100L * (1 + ((s * 7919) + (minute * 104_729)) % 5_000);
        return new BarRow(MinuteFeed.Symbol(s), (byte)Period._1M, frame, price, price + 0.03, price - 0.02, price + 0.01, volume, volume * price, minute % 17 == 0 ? 2u : 0u, version);
    }

    private static async Task<(long Bars, double Seconds)> ReadFromClickHouseAsync(ClickHouseClient client, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long bars = 0;
        await foreach (var block in new BarPanelReader(client).ReadAsync(
            null, Domain.Bars.BarPeriod.OneMinute, DayRequest().FromUnixMs, DayRequest().ToUnixMs, 32_768, cancellationToken))
        {
            bars += block.Count;
        }

        return (bars, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(long Bars, double Seconds)> ReadWithDotnetAsync(Uri address, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var clock = Stopwatch.StartNew();
        using var call = new QueryService.QueryServiceClient(channel).StreamBarPanel(DayRequest(), cancellationToken: cancellationToken);
        long bars = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            bars += message.FrameUnixMs.Count;
        }

        return (bars, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(long Rows, double Seconds, double StreamSeconds)> ReadWithPythonAsync(string target)
    {
        // Times bars_frame from the call to the DataFrame, and separately the stream alone.
        const string Script = """
            import sys, time
            import numpy, pandas  # loaded in a research session already: not part of the read
            from quoteplatform_client import QuoteClient, _beijing_midnight_ms
            from quoteplatform.query.v1 import query_pb2
            client = QuoteClient(sys.argv[1])
            day = sys.argv[2]
            started = time.perf_counter()
            frame = client.bars_frame(None, "1m", day, day)
            seconds = time.perf_counter() - started
            request = query_pb2.StreamBarPanelRequest(period=1, from_unix_ms=_beijing_midnight_ms(day), to_unix_ms=_beijing_midnight_ms(day) + 86_400_000)
            raw = client._channel.unary_stream("/quoteplatform.query.v1.QueryService/StreamBarPanel", request_serializer=query_pb2.StreamBarPanelRequest.SerializeToString)
            started = time.perf_counter()
            for _ in raw(request):
                pass
            stream = time.perf_counter() - started
            print(len(frame), seconds, stream)
            """;
        var run = await ProgramRun.RunAsync(
            "/usr/bin/python3", TestRepository.PathOf("clients/python"), ["-c", Script, target, Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"the Python client failed (exit {run.ExitCode}): {run.Error}");
        }

        var figures = run.Output.Trim().Split(' ');
        return (long.Parse(figures[0], CultureInfo.InvariantCulture), double.Parse(figures[1], CultureInfo.InvariantCulture), double.Parse(figures[2], CultureInfo.InvariantCulture));
    }

    private static void Check(long read, long stored)
    {
        if (read != stored)
        {
            throw new InvalidOperationException($"the panel held {read:N0} bars, {stored:N0} are stored");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Mib(long? bytes) => bytes is null ? "?" : (bytes.Value / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
}
