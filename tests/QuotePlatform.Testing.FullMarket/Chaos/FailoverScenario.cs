using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using QuotePlatform.Streams;
using QuotePlatform.Testing.FullMarket.Cluster;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Testing.FullMarket.Verification;
using StackExchange.Redis;

namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>
/// Hot standby (issue 22): two ingest services of one feed replay the same recording of the generated
/// day (the same pushes, started a moment apart, as two terminals of one market). The first holds the
/// feed's lease and publishes, the second runs warm. The fault hits the holder mid-stream; the standby
/// takes over, and both replays run to their end. Then every bar is reconciled against the offline
/// engine (what one ingest alone stores), the final-bar streams (what live subscribers read) are
/// checked for copies, and the failover time is read from the feed's lease.
/// </summary>
public static class FailoverScenario
{
    public const string Feed = "cn-a";
    public const string StandbyProducerId = "bench-standby";

    public enum Fault
    {
        KillActive,
        ConnectionCut,
    }

    public static string NameOf(Fault fault, TimeSpan cut) => fault switch
    {
        Fault.KillActive => "failover: kill -9 active ingest",
        _ => $"failover: connection cut {cut.TotalSeconds:F0} s",
    };

    public static async Task<ChaosOutcome> RunAsync(ChaosOptions market, Fault fault, TimeSpan cut, double speed, TimeSpan timeout)
    {
        var name = NameOf(fault, cut);
        using var deadline = new CancellationTokenSource(timeout);
        var day = TradingDays.LatestWeekday(TimeProvider.System);
        var work = Directory.CreateTempSubdirectory("qp-chaos-failover-");
        var recording = Path.Combine(work.FullName, "day.jsonl");
        MarketDayRecording.Write(recording, new MarketDay(day, market.Symbols), market.Pushes);
        var expected = ExpectedBars.Compute(() => new MarketDay(day, market.Symbols), market.Pushes, flush: true);
        var standbyKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var redis = await RedisServerProcess.StartAsync();
        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = redis.Address,
            ClickHouseUrl = TestServers.ClickHouseUrl,
            Relay = new Dictionary<string, string>
            {
                ["Relay:Producers:1:Id"] = StandbyProducerId,
                ["Relay:Producers:1:ApiKey"] = standbyKey,
                // Every final-bar entry stays, so the streams can be checked for copies at the end.
                ["Relay:Trimming:FinalMaxEntries"] = "10000000",
            },
        });
        await using var proxy = new ChaosProxy(pipeline.Relay.Address.Port);
        var logs = "";
        try
        {
            var holder = await pipeline.StartReplayIngestAsync(recording, speed, Path.Combine(work.FullName, "holder"), new Dictionary<string, string>
            {
                ["Ingest:Feed"] = Feed,
                ["Ingest:Relay:Url"] = $"http://127.0.0.1:{proxy.Port}",
                ["Ingest:Relay:ReconnectMaxDelay"] = "00:00:01",
            });
            await UntilAsync(() => holder.Output.Contains("holds the lease under epoch 1", StringComparison.Ordinal), deadline.Token);
            var standby = await pipeline.StartReplayIngestAsync(recording, speed, Path.Combine(work.FullName, "standby"), new Dictionary<string, string>
            {
                ["Ingest:Feed"] = Feed,
                ["Ingest:Relay:ApiKey"] = standbyKey,
                ["Ingest:Relay:ProducerId"] = StandbyProducerId,
            });

            // Mid-stream: a third of the minutes the pushes reach are stored.
            var lastPush = new MarketDay(day, market.Symbols).PushTimesUnixMs[market.Pushes - 1];
            var streamed = expected.Bars.Keys.Count(k => k.Period == 1 && k.FrameUnixMs < lastPush);
            long stored;
            while ((stored = await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE period = 1")) < streamed / 3)
            {
                await Task.Delay(50, deadline.Token);
            }

            var injected = Stopwatch.StartNew();
            var lease = pipeline.Keys.FeedLease(Feed);
            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address);
            var database = connection.GetDatabase();
            int[] exits;
            TimeSpan takeover;
            if (fault == Fault.KillActive)
            {
                await holder.KillAsync();
                takeover = await TakenOverAsync(database, lease, injected, deadline.Token);
                exits = [await standby.WaitForExitAsync(timeout)];
            }
            else
            {
                proxy.Blocked = true;
                takeover = await TakenOverAsync(database, lease, injected, deadline.Token);
                await Task.Delay(cut - injected.Elapsed > TimeSpan.Zero ? cut - injected.Elapsed : TimeSpan.Zero, deadline.Token);
                proxy.Blocked = false;
                exits = await Task.WhenAll(holder.WaitForExitAsync(timeout), standby.WaitForExitAsync(timeout));
            }

            logs = $"--- holder\n{holder.Output}\n--- standby\n{standby.Output}";
            await SettledAsync(pipeline, expected.Bars.Count, deadline.Token);

            var result = await Reconciler.CheckAsync(pipeline.Bars, expected.Bars, deadline.Token);
            var (copies, entries) = await StreamCopiesAsync(database, pipeline.Keys);
            var failover = await database.HashGetAsync(lease, "last_failover_duration_ms");
            var fenced = CountOf(holder.Output, "FENCED");
            var errors = pipeline.ErrorLines().Where(line => !line.Contains("HealthCheck", StringComparison.Ordinal)).ToList();
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"failover {takeover.TotalSeconds:F1} s from the fault to the standby's grant (lease: holder silent {(long)failover / 1000.0:F1} s); "
                + $"{stored} of {streamed} 1m bars stored at the fault; final-bar stream copies doubled {copies} of {entries}; "
                + $"old holder's batches FENCED {fenced}; exit codes {string.Join("/", exits)}");
            return new ChaosOutcome(name, result, takeover, detail, errors) { StreamsExact = copies == 0 };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{name}: not done within {timeout}\n{logs}\n{pipeline.Logs[^Math.Min(pipeline.Logs.Length, 4000)..]}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Both ingests are done: waits until every expected bar is stored, or until the count has not
    /// moved for a while (then the reconciliation names what is missing).
    /// </summary>
    private static async Task SettledAsync(BenchPipeline pipeline, int expected, CancellationToken cancellationToken)
    {
        var quiet = Stopwatch.StartNew();
        long last = -1, stored;
        while ((stored = await pipeline.ScalarAsync("SELECT count() FROM bars FINAL")) < expected && quiet.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (stored != last)
            {
                (last, quiet) = (stored, Stopwatch.StartNew());
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits for the standby's grant (epoch 2 on the lease) and returns the time since the fault.</summary>
    private static async Task<TimeSpan> TakenOverAsync(IDatabase database, string lease, Stopwatch injected, CancellationToken cancellationToken)
    {
        while ((long?)await database.HashGetAsync(lease, "epoch") is not >= 2)
        {
            await Task.Delay(20, cancellationToken);
        }

        return injected.Elapsed;
    }

    /// <summary>Final bars present more than once in the final-bar streams, and the bars read.</summary>
    private static async Task<(long Copies, long Bars)> StreamCopiesAsync(IDatabase database, StreamKeys keys)
    {
        var seen = new HashSet<BarKey>();
        long copies = 0, bars = 0;
        for (var shard = 0; shard < PipelineSettings.ShardCount; shard++)
        {
            foreach (var entry in await database.StreamRangeAsync(keys.Bars(shard)))
            {
                foreach (var bar in BarStreamEntry.Parse(entry).Batch.Bars)
                {
                    bars++;
                    copies += seen.Add(new BarKey(bar.Symbol, (int)bar.Period, bar.FrameUnixMs)) ? 0 : 1;
                }
            }
        }

        return (copies, bars);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
