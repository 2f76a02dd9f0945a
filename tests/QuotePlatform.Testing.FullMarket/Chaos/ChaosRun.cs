using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Testing.FullMarket.Cluster;
using QuotePlatform.Testing.FullMarket.Ingest;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Testing.FullMarket.Verification;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>
/// One fault against the deployed chain: its own Redis (AOF, fsync always), optionally its own
/// ClickHouse endpoint and proxies, a relay and a writer process, and a slice of the generated day
/// fed while the fault is injected. Afterwards: wait until every expected bar is stored (the time
/// from the fault cleared is the recovery time), then reconcile per (symbol, period, frame).
/// </summary>
public sealed class ChaosRun : IAsyncDisposable
{
    private readonly ChaosOptions _options;
    private readonly List<PublishRequest> _acked = [];
    private long _clearedAt;

    private ChaosRun(ChaosOptions options) => _options = options;

    public BenchPipeline Pipeline { get; private set; } = null!;

    public RedisServerProcess Redis { get; private set; } = null!;

    public ClickHouseEndpointProcess? ClickHouse { get; private set; }

    public ChaosProxy? ClickHouseProxy { get; private set; }

    public ChaosProxy? RelayProxy { get; private set; }

    public ChaosProxy? RedisProxy { get; private set; }

    public RelayFeed Feed { get; private set; } = null!;

    public long Day { get; } = TradingDays.LatestWeekday(TimeProvider.System);

    /// <summary>Batches the relay acknowledged, in order (kept to be sent again by the duplicate-delivery fault).</summary>
    public IReadOnlyList<PublishRequest> Acked
    {
        get
        {
            lock (_acked)
            {
                return [.. _acked];
            }
        }
    }

    public static async Task<ChaosRun> StartAsync(ChaosOptions options)
    {
        var run = new ChaosRun(options);
        run.Redis = await RedisServerProcess.StartAsync();
        string clickHouse = TestServers.ClickHouseUrl;
        if (options.OwnClickHouse)
        {
            run.ClickHouse = await ClickHouseEndpointProcess.StartAsync();
            clickHouse = run.ClickHouse.Url;
        }

        var writer = new Dictionary<string, string>
        {
            // Redeliveries of a failing entry come quickly, so a poison entry reaches the dead letters within seconds.
            ["StorageWriter:ClaimMinIdle"] = "00:00:02",
            ["StorageWriter:ClaimInterval"] = "00:00:01",
            ["StorageWriter:ReportInterval"] = "00:00:10",
        };
        var writerClickHouse = clickHouse;
        if (options.ProxyClickHouse || options.ProxyRelayAndRedis)
        {
            run.ClickHouseProxy = new ChaosProxy(new Uri(clickHouse).Port);
            writerClickHouse = $"http://127.0.0.1:{run.ClickHouseProxy.Port}";
        }

        if (options.ProxyRelayAndRedis)
        {
            run.RedisProxy = new ChaosProxy(run.Redis.Port);
            writer["ConnectionStrings:redis"] = $"127.0.0.1:{run.RedisProxy.Port}";
        }

        run.Pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = run.Redis.Address,
            ClickHouseUrl = writerClickHouse,
            AdminClickHouseUrl = clickHouse,
            Writer = writer,
        });
        var relay = run.Pipeline.Relay.Address;
        if (options.ProxyRelayAndRedis)
        {
            run.RelayProxy = new ChaosProxy(relay.Port);
            relay = new Uri($"http://127.0.0.1:{run.RelayProxy.Port}");
        }

        run.Feed = new RelayFeed(relay, BenchPipeline.ProducerId, run.Pipeline.ApiKey, window: 8, firstSequence: 1);
        run.Feed.BatchAcked += batch =>
        {
            lock (run._acked)
            {
                run._acked.Add(batch);
            }
        };
        return run;
    }

    /// <summary>The fault is over (the service is back, the network whole): recovery is timed from here.</summary>
    public void Cleared() => _clearedAt = Stopwatch.GetTimestamp();

    public async Task WaitAckedAsync(int batches, CancellationToken cancellationToken)
    {
        while (Feed.Acked < batches)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Feeds the slice while <paramref name="fault"/> runs, then waits for every bar and reconciles.</summary>
    public async Task<ChaosOutcome> RunAsync(string name, Func<ChaosRun, CancellationToken, Task<string>> fault, TimeSpan timeout, Func<string, bool>? expectedError = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var token = deadline.Token;
        var expected = ExpectedBars.Compute(() => new MarketDay(Day, _options.Symbols), _options.Pushes);
        var ingest = new ReplayIngest(new MarketDay(Day, _options.Symbols), Feed, maxItems: 2_048, _options.Pacing);
        var injecting = Task.Run(async () =>
        {
            await WaitAckedAsync(_options.FaultAfterBatches, token);
            return await fault(this, token);
        }, token);
        var stage = "feeding";
        try
        {
            await ingest.RunAsync(token, _options.Pushes);
            stage = "injecting";
            var detail = await injecting;
            stage = "draining the feed";
            await Feed.DrainAsync(token);
            stage = "waiting for the bars";
            var cleared = _clearedAt != 0 ? _clearedAt : Stopwatch.GetTimestamp();
            while (await Pipeline.ScalarAsync("SELECT count() FROM bars FINAL") < expected.Bars.Count)
            {
                await Task.Delay(100, token);
            }

            stage = "waiting for the ticks";
            var acceptedTicks = expected.AcceptedTicks.Values.Sum(t => t.Count);
            while (await Pipeline.ScalarAsync("SELECT count() FROM ticks FINAL") < acceptedTicks)
            {
                await Task.Delay(100, token);
            }

            var recovery = Stopwatch.GetElapsedTime(cleared);
            stage = "reconciling";
            var result = await Reconciler.CheckAsync(Pipeline.Bars, expected.Bars, token);
            var ticks = await TickReconciler.CheckAsync(Pipeline.Bars, expected.AcceptedTicks, token);
            var errors = Pipeline.ErrorLines().Where(line => expectedError is null || !expectedError(line)).ToList();
            var relayDetail = string.Create(CultureInfo.InvariantCulture,
                $"feed reconnects {Feed.Reconnects}, FAILED answers {Feed.FailedAnswers}, duplicates {Feed.Duplicates}");
            return new ChaosOutcome(name, result, recovery, $"{detail}; {relayDetail}", errors, ticks);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var stored = await Pipeline.ScalarAsync("SELECT count() FROM bars FINAL");
            throw new TimeoutException($"{name}: {stored} of {expected.Bars.Count} bars stored after {timeout} while {stage}; {ingest.Batches} batches fed, {Feed.Acked} acked, {Feed.Unacked} unacked, reconnects {Feed.Reconnects}; INSERTs through the proxy {ClickHouseProxy?.InsertRequests}, answered {ClickHouseProxy?.InsertAnswers}; fault: {(injecting.IsCompleted ? "done" : "still running")}\n{Pipeline.Logs[^Math.Min(Pipeline.Logs.Length, 6000)..]}");
        }
    }

    /// <summary>Copies of stream entries already consumed (bar and tick streams), added again (a producer whose dedup window was lost).</summary>
    public async Task<int> ReAddEntriesAsync(int perShard)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Address);
        var db = redis.GetDatabase();
        var added = 0;
        for (var shard = 0; shard < PipelineSettings.ShardCount; shard++)
        {
            foreach (var stream in new[] { Pipeline.Keys.Bars(shard), Pipeline.Keys.Ticks(shard) })
            {
                foreach (var entry in await db.StreamRangeAsync(stream, count: perShard))
                {
                    await db.StreamAddAsync(stream, entry.Values);
                    added++;
                }
            }
        }

        return added;
    }

    public async ValueTask DisposeAsync()
    {
        await Feed.DisposeAsync();
        await Pipeline.DisposeAsync();
        foreach (var proxy in new[] { ClickHouseProxy, RelayProxy, RedisProxy })
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }

        if (ClickHouse is not null)
        {
            await ClickHouse.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
