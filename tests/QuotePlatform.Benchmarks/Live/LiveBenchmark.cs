using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Benchmarks.Relay;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.Live;

/// <summary>
/// Broadcast live subscribers, each receiving the whole market's final bars: the query service runs
/// as its own process, bursts of a full market's 1m bars are XADDed as the relay writes them (one
/// entry per shard), and every subscriber measures each delivery from the entry id's time (when
/// Redis added it) to its arrival, then acks it. Usage: live [runs=3] [subscribers=50] [bursts=10] [symbols=5200] [hammer=0].
/// hammer=1 measures twice, without and then with one more client hammering the service (GetQuotes
/// from many loops at once, and more subscriptions than it may hold) under read keys and limits per
/// client: the subscribers' delivery p99 should stay within 2x.
/// </summary>
public sealed class LiveBenchmark : IBenchmarkCommand
{
    private const int ShardCount = 16;
    private const string DeskKey = "bench-read-key-desk-0123456789";
    private const string HammerKey = "bench-read-key-hammer-0123456789";

    public string Name => "live";

    public string Description => "delivery p50/p99 from XADD to N broadcast subscribers of the whole market [runs] [subscribers] [bursts] [symbols] [hammer=0|1]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = Arg(args, 0, 3);
        var subscribers = Arg(args, 1, 50);
        var bursts = Arg(args, 2, 10);
        var symbols = Arg(args, 3, 5200);
        var keys = new StreamKeys("bench" + Guid.NewGuid().ToString("N")[..8]);
        var router = new ShardRouter(ShardCount);
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var db = redis.GetDatabase();

        var hammer = Arg(args, 4, 0) == 1;
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["ConnectionStrings:clickhouse"] = $"{TestServers.ClickHouseUrl}/default",
            ["Streams:KeyPrefix"] = keys.Prefix,
            ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
            ["Query:AdminApiKey"] = Guid.NewGuid().ToString("N"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (hammer)
        {
            // Every client has the same limits: enough for the subscribers' desk, far below what the hammer tries.
            settings["Query:ReadApiKeys:0:Name"] = "desk";
            settings["Query:ReadApiKeys:0:Key"] = DeskKey;
            settings["Query:ReadApiKeys:1:Name"] = "hammer";
            settings["Query:ReadApiKeys:1:Key"] = HammerKey;
            settings["Query:ClientLimits:MaxLiveSubscriptions"] = (subscribers + 10).ToString(CultureInfo.InvariantCulture);
            settings["Query:ClientLimits:RequestsPerSecond"] = "100";
            settings["Query:ClientLimits:BarsPerSecond"] = "2000000";
        }

        await using var query = await ServiceProcess.StartAsync("QuotePlatform.Query", settings, ["Web", "Grpc"], TimeSpan.FromSeconds(90));
        Console.WriteLine($"query service {query.Endpoints["Grpc"]} (own process), Redis {TestServers.Redis}, {ShardCount} shards, " +
            $"{subscribers} broadcast subscribers of the whole market, bursts of {symbols} 1m bars ({ShardCount} entries) 1 s apart");

        // The hammer's GetQuotes then read a thousand stored quotes, as a real client's would.
        foreach (var symbol in Hammer.Symbols(symbols))
        {
            var shard = router.ShardOf(symbol);
            await db.HashSetAsync(keys.LatestQuotes(shard), symbol, new Quote { Symbol = symbol, TimeUnixMs = 1_749_173_400_000, LastPrice = 10 }.ToByteArray());
            await db.HashSetAsync(keys.LatestQuoteTimes(shard), symbol, 1_749_173_400_000);
        }

        using var channel = GrpcChannel.ForAddress(query.Endpoints["Grpc"]);
        var desk = hammer ? new Metadata { { "x-api-key", DeskKey } } : null;
        var client = new LiveService.LiveServiceClient(channel);
        var batches = new BenchmarkBatches(symbols);
        var p99s = new List<double>();
        foreach (var hammering in hammer ? new[] { false, true } : [false])
        {
            using var stopHammer = new CancellationTokenSource();
            var hammerTask = hammering ? Hammer.RunAsync(query.Endpoints["Grpc"], HammerKey, symbols, stopHammer.Token) : Task.FromResult(new Hammer.Tally(0, 0, 0));
            var results = new List<(double P50, double P99, double Max, double BarsPerSecond)>();
            // Run 0 warms up (JIT, connections, both processes' thread pools) and is not counted.
            for (var run = 0; run <= runs; run++)
            {
                var stats = new LatencyStats();
                var receivers = new List<Subscriber>();
                for (var i = 0; i < subscribers; i++)
                {
                    receivers.Add(await Subscriber.StartAsync(client, $"h{hammering}-run{run}-sub{i}", desk, cancellationToken));
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var runBursts = run == 0 ? 3 : bursts;
                for (var burst = 0; burst < runBursts; burst++)
                {
                    var bars = batches.Next((ulong)burst).Bars;
                    await Task.WhenAll(bars.GroupBy(b => router.ShardOf(b.Symbol)).Select(shard =>
                        db.StreamAddAsync(keys.Bars(shard.Key), new BarStreamEntry(new BarBatch { Bars = { shard } }, "bench", (ulong)burst, 0, "").ToFields())));
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }

                var expectedEntries = runBursts * Math.Min(ShardCount, symbols);
                await Task.WhenAll(receivers.Select(r => r.WaitForAsync(expectedEntries, TimeSpan.FromSeconds(60))));
                var seconds = clock.Elapsed.TotalSeconds;
                foreach (var receiver in receivers)
                {
                    foreach (var latency in receiver.Latencies)
                    {
                        stats.Add(latency);
                    }

                    await receiver.DisposeAsync();
                }

                var delivered = receivers.Sum(r => r.Bars);
                var complete = receivers.All(r => r.Bars == (long)runBursts * symbols);
                if (run > 0)
                {
                    results.Add((stats.Percentile(50), stats.Percentile(99), stats.Percentile(100), delivered / seconds));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(run == 0 ? "warm-up" : $"run {run}")}: {delivered:N0} bars delivered ({(complete ? "every subscriber got every bar" : "INCOMPLETE")}), delivery from XADD {stats.Summary()}"));
            }

            await stopHammer.CancelAsync();
            var tally = await hammerTask;
            p99s.Add(Median(results.Select(r => r.P99)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of {runs} runs, {subscribers} subscribers{(hammering ? ", one client hammering" : "")}: delivery from XADD p50 {Median(results.Select(r => r.P50))} ms, p99 {p99s[^1]} ms, " +
                $"max {Median(results.Select(r => r.Max))} ms (goal p99 <= 100 ms)"));
            if (hammering)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"hammer: {tally.Served:N0} calls served, {tally.Exhausted:N0} refused RESOURCE_EXHAUSTED, {tally.Other:N0} other errors; p99 with / without: {p99s[1] / p99s[0]:0.00}x (goal <= 2x)"));
            }
        }

        var server = redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: keys.Prefix + ":*"))
        {
            await db.KeyDeleteAsync(key);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>One subscriber: records arrival minus XADD time for each delivery and acks it.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly AsyncDuplexStreamingCall<SubscribeRequest, SubscribeResponse> _call;
        private readonly Task _pump;
        private readonly List<TimeSpan> _latencies = [];
        private long _entries;
        private long _bars;

        private Subscriber(AsyncDuplexStreamingCall<SubscribeRequest, SubscribeResponse> call)
        {
            _call = call;
            _pump = Task.Run(PumpAsync);
        }

        public IReadOnlyList<TimeSpan> Latencies => _latencies;

        public long Bars => Interlocked.Read(ref _bars);

        public static async Task<Subscriber> StartAsync(LiveService.LiveServiceClient client, string name, Metadata? headers, CancellationToken cancellationToken)
        {
            var call = client.Subscribe(headers, cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(new SubscribeRequest
            {
                Subscribe = new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = name },
            }, cancellationToken);
            if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current.KindCase != SubscribeResponse.KindOneofCase.Subscribed)
            {
                throw new InvalidOperationException($"subscriber {name} was not confirmed");
            }

            return new Subscriber(call);
        }

        public async Task WaitForAsync(long entries, TimeSpan timeout)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Interlocked.Read(ref _entries) < entries && clock.Elapsed < timeout && !_pump.IsCompleted)
            {
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _call.RequestStream.CompleteAsync();
            try
            {
                await _pump.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is RpcException or TimeoutException)
            {
            }

            _call.Dispose();
        }

        private async Task PumpAsync()
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var arrived = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
                var delivery = _call.ResponseStream.Current.Bars;
                if (delivery is null)
                {
                    continue;
                }

                var added = long.Parse(delivery.EntryId.AsSpan(0, delivery.EntryId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                lock (_latencies)
                {
                    _latencies.Add(TimeSpan.FromMilliseconds(arrived - added));
                }

                Interlocked.Add(ref _bars, delivery.Bars.Count);
                Interlocked.Increment(ref _entries);
                await _call.RequestStream.WriteAsync(new SubscribeRequest
                {
                    Ack = new Ack { Deliveries = { new DeliveryRef { Shard = delivery.Shard, EntryId = delivery.EntryId } } },
                });
            }
        }
    }
}
