using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Grpc.Net.Client;
using QuotePlatform.Benchmarks.Storage;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Stats;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.Query;

/// <summary>
/// GetBars of one symbol-day of 1m bars at a fixed request rate over gRPC (h2c), while a full-market
/// feed runs: the storage writer (a process) stores a 5,200-bar minute of the current day every second
/// from the streams. First of a closed day (240 rows, the day cache), then of the current day itself
/// (120-240 rows, growing; memory fed by the streams). The query service and the writer run as processes, as scripts/dev.sh runs them.
/// Requests are sent on a schedule (open loop), so a slow answer does not slow the offered load. Then the
/// same load front-adjusted (every symbol has a dividend after the day), and ListSymbols searches by a part
/// of the name over every symbol's details.
/// Usage: query [seconds=30] [rate=200] [symbols=5200]
/// </summary>
public sealed class QueryBenchmark : IBenchmarkCommand
{
    private const int ShardCount = 16;

    /// <summary>
    /// A closed day the requests ask for (a Monday), and the current day: its first minutes are stored
    /// before the run, and the feed adds the next ones during it.
    /// </summary>
    private static readonly DateTimeOffset QueriedDay = new(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset FeedDay = new(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8));
    private const int FirstFedMinute = 120;

    public string Name => "query";

    public string Description => "query service: GetBars of a 240-bar symbol-day at 200 requests/s during a full-market feed, p50/p99";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var symbols = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_200;
        var id = Guid.NewGuid().ToString("N")[..10];
        var database = "qp_bench_" + id;
        var keys = new StreamKeys("bench" + id);
        var router = new ShardRouter(ShardCount);
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var db = redis.GetDatabase();
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {database}", cancellationToken: cancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["Streams:KeyPrefix"] = keys.Prefix,
            ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            await using var writer = await ServiceProcess.StartAsync(
                "QuotePlatform.StorageWriter",
                new Dictionary<string, string>(settings) { ["ConnectionStrings:clickhouse"] = $"{TestServers.ClickHouseUrl}/{database}?compression=false" },
                http2Only: false,
                TimeSpan.FromSeconds(90));
            Console.WriteLine(
                $"storing one day of 1m bars of {symbols} symbols ({240L * symbols:N0} bars) and the current day's first {FirstFedMinute} minutes through the storage writer");
            var stored = Stopwatch.StartNew();
            for (var minute = 0; minute < 240; minute++)
            {
                await MinuteFeed.PublishAsync(db, keys, router, symbols, Frame(QueriedDay, minute), minute);
            }

            for (var minute = 0; minute < FirstFedMinute; minute++)
            {
                await MinuteFeed.PublishAsync(db, keys, router, symbols, Frame(FeedDay, minute), 1000 + minute);
            }

            await WaitStoredAsync(server, database, (240L + FirstFedMinute) * symbols, cancellationToken);
            Console.WriteLine($"stored in {stored.Elapsed.TotalSeconds:F1} s");

            await using var query = await ServiceProcess.StartAsync(
                "QuotePlatform.Query",
                new Dictionary<string, string>(settings)
                {
                    ["ConnectionStrings:clickhouse"] = $"{TestServers.ClickHouseUrl}/{database}",
                    ["Query:AdminApiKey"] = Guid.NewGuid().ToString("N"),
                    ["Streams:StatsInterval"] = "00:00:01",
                },
                ["Web", "Grpc"],
                TimeSpan.FromSeconds(90));
            using var channel = GrpcChannel.ForAddress(query.Endpoints["Grpc"]);
            var client = new QueryService.QueryServiceClient(channel);

            // Warm-up: connections, JIT, the engine's caches, the query service's day cache, which the
            // first request of the day starts loading, and its current day, which it loads at start
            // (the loads are printed, not measured).
            var warming = Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                await client.GetBarsAsync(DayRequest(i % symbols), cancellationToken: cancellationToken);
            }

            var stats = new PipelineStatsStore(redis, keys);
            var cache = await DayCacheAsync(stats, cancellationToken);
            while ((cache is null || cache.GetValueOrDefault("day_cache_days") < 1 || cache.GetValueOrDefault("current_day_bars") < 1)
                && warming.Elapsed < TimeSpan.FromMinutes(2))
            {
                await client.GetBarsAsync(DayRequest(Random.Shared.Next(symbols)), cancellationToken: cancellationToken);
                await Task.Delay(100, cancellationToken);
                cache = await DayCacheAsync(stats, cancellationToken);
            }

            Console.WriteLine(cache is null
                ? "query service publishes no day cache figures"
                : $"day cache: {cache.GetValueOrDefault("day_cache_bars"):N0} bars held ({cache.GetValueOrDefault("day_cache_bytes") / 1048576:F0} MiB), current day: {cache.GetValueOrDefault("current_day_bars"):N0} bars held, {warming.Elapsed.TotalSeconds:F1} s after the first request");

            var feed = new FeedPosition { Next = FirstFedMinute };
            var errors = await FedLoadAsync(client, db, keys, router, feed, rate, seconds, symbols, QueriedDay, Adjust.None, cancellationToken);
            errors += await FedLoadAsync(client, db, keys, router, feed, rate, seconds, symbols, FeedDay, Adjust.None, cancellationToken);
            await Task.Delay(1500, cancellationToken); // one more publication of the service's figures
            var after = await DayCacheAsync(stats, cancellationToken);
            var usage = FullMarket.Measuring.ProcessStats.Read(query.ProcessId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  day cache: hits {after?.GetValueOrDefault("day_cache_hits_total"):N0}, misses {after?.GetValueOrDefault("day_cache_misses_total"):N0}, {after?.GetValueOrDefault("day_cache_bars"):N0} bars held"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  current day in memory: hits {after?.GetValueOrDefault("current_day_hits_total"):N0}, misses {after?.GetValueOrDefault("current_day_misses_total"):N0}, {after?.GetValueOrDefault("current_day_bars"):N0} bars held ({after?.GetValueOrDefault("current_day_bytes") / 1048576:F0} MiB); query service peak RSS {usage?.PeakRssBytes / 1048576} MiB"));
            foreach (var line in query.Output.Split('\n').Where(l => l.Contains("Day cache", StringComparison.Ordinal) || l.Contains("Current day", StringComparison.Ordinal)).Take(8))
            {
                Console.WriteLine("  query service: " + line.Trim());
            }

            using (var reference = new ClickHouseClient(ClickHouseSettings.Parse($"{TestServers.ClickHouseUrl}/{database}")))
            {
                await ReferenceData.StoreAsync(new InstrumentStore(reference), symbols, DateOnly.FromDateTime(QueriedDay.DateTime), cancellationToken);
            }

            errors += await FedLoadAsync(client, db, keys, router, feed, rate, seconds, symbols, QueriedDay, Adjust.Front, cancellationToken);
            var search = await ReferenceData.SearchAsync(client, symbols, cancellationToken);
            Console.WriteLine($"ListSymbols by a part of the name over {symbols} named symbols, one at a time:");
            Console.WriteLine($"  {search.Summary()}");
            if (errors > 0)
            {
                var log = query.Output;
                var first = log.IndexOf("fail:", StringComparison.Ordinal);
                Console.WriteLine(first < 0 ? "  (no failure in the query service's log)" : "  query service log: " + log.Substring(first, Math.Min(1500, log.Length - first)));
            }
        }
        finally
        {
            await server.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {database}", cancellationToken: CancellationToken.None);
            for (var shard = 0; shard < ShardCount; shard++)
            {
                await db.KeyDeleteAsync(keys.Bars(shard));
            }
        }
    }

    /// <summary>The day cache figures the query service publishes with its pipeline stats, or null.</summary>
    private static async Task<Dictionary<string, double>?> DayCacheAsync(PipelineStatsStore stats, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var query = (await stats.ReadAllAsync()).FirstOrDefault(s => s.Service == "query");
        return query?.Totals.Extra.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static GetBarsRequest DayRequest(int symbol, DateTimeOffset day = default, Adjust adjust = Adjust.None) => new()
    {
        Symbol = MinuteFeed.Symbol(symbol),
        Period = Period._1M,
        FromUnixMs = (day == default ? QueriedDay : day).ToUnixTimeMilliseconds(),
        ToUnixMs = (day == default ? QueriedDay : day).AddDays(1).ToUnixTimeMilliseconds(),
        Adjust = adjust,
    };

    /// <summary>The open-loop load while the full-market feed runs; prints the figures, returns the errors.</summary>
    private static async Task<int> FedLoadAsync(
        QueryService.QueryServiceClient client, IDatabase db, StreamKeys keys, ShardRouter router, FeedPosition position, int rate, int seconds, int symbols,
        DateTimeOffset day, Adjust adjust, CancellationToken cancellationToken)
    {
        using var feedStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = position.Next;
        var feed = FeedAsync(db, keys, router, symbols, position, feedStop.Token);
        var (latency, errors, offered) = await LoadAsync(client, rate, seconds, symbols, day, adjust, cancellationToken);
        await feedStop.CancelAsync();
        await feed;

        var what = day == FeedDay
            ? $"the current day ({first}-{position.Next} 1m bars, growing)"
            : $"a closed day (240 1m bars{(adjust == Adjust.None ? "" : $", {adjust}-adjusted")})";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GetBars of one symbol-day of {what} at {rate}/s for {seconds} s during a full-market feed ({position.Next - first} minutes of {symbols} bars stored meanwhile):"));
        Console.WriteLine($"  {latency.Summary()}; offered {offered}, errors {errors}");
        return errors;
    }

    private static async Task<(LatencyStats Latency, int Errors, int Offered)> LoadAsync(
        QueryService.QueryServiceClient client, int rate, int seconds, int symbols, DateTimeOffset day, Adjust adjust, CancellationToken cancellationToken)
    {
        var latency = new LatencyStats();
        var errors = 0;
        var calls = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var random = new Random(7);
        for (var n = 0; n < rate * seconds; n++)
        {
            var due = interval * n;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var request = DayRequest(random.Next(symbols), day, adjust);
            var fewest = day == FeedDay ? FirstFedMinute : 240;
            calls.Add(Task.Run(
                async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var response = await client.GetBarsAsync(request, cancellationToken: cancellationToken);
                        if (response.Bars.Count < fewest || response.Bars.Count > 240)
                        {
                            throw new InvalidOperationException($"{request.Symbol}: {response.Bars.Count} bars, expected {fewest}-240");
                        }

                        lock (latency)
                        {
                            latency.Add(Stopwatch.GetElapsedTime(started));
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        if (Interlocked.Increment(ref errors) <= 3)
                        {
                            Console.WriteLine($"  error: {ex.Message}");
                        }
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(calls);
        return (latency, errors, calls.Count);
    }

    /// <summary>A full-market minute of the current day every second (60 × the market's pace) until stopped or the day is full.</summary>
    private static async Task FeedAsync(IDatabase db, StreamKeys keys, ShardRouter router, int symbols, FeedPosition position, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (position.Next < 240 && await timer.WaitForNextTickAsync(stop))
            {
                await MinuteFeed.PublishAsync(db, keys, router, symbols, Frame(FeedDay, position.Next), 1000 + position.Next);
                position.Next++;
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    /// <summary>The next minute of the current day the feed stores (the phases share one feed).</summary>
    private sealed class FeedPosition
    {
        public int Next { get; set; }
    }

    /// <summary>End of the n-th 1m bar of a day: 09:31 ... 11:30, 13:01 ... 15:00 Beijing.</summary>
    private static long Frame(DateTimeOffset day, int minute) =>
        day.AddMinutes(minute < 120 ? (9 * 60) + 31 + minute : (13 * 60) + 1 + minute - 120).ToUnixTimeMilliseconds();

    private static async Task WaitStoredAsync(ClickHouseClient server, string database, long expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var count = Convert.ToInt64(
                    await server.ExecuteScalarAsync($"SELECT count() FROM {database}.bars FINAL", cancellationToken: cancellationToken),
                    CultureInfo.InvariantCulture);
                if (count >= expected)
                {
                    return;
                }
            }
            catch (ClickHouseServerException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                // The writer has not created the table yet.
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"the storage writer did not store {expected:N0} bars within 5 minutes");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
