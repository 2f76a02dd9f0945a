using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Testing.FullMarket.Cluster;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Benchmarks.FullMarket.Memory;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Testing.FullMarket.Verification;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// The simulated full market in real time through the deployed chain for a while: the ingest
/// service replays a recording of the day's window at Speed 1 (bars closed by the data) into the
/// relay, writer and ClickHouse; bar close to queryable, push to latest quote visible, memory of
/// every service sampled, errors in the logs, and at the end every bar reconciled against the
/// offline engine on the same pushes. Shared by `live-pace` and `soak`.
/// </summary>
public static class LiveRun
{
    // The ingest's bar engine closes a bar this long after its end (set explicitly, so both agree).
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    // The relay's default Relay:DedupWindowBatches (the harness leaves it as shipped).
    private const long RelayDedupWindowBatches = 10_000;

    /// <param name="ingestSettings">Added to (or overriding) the ingest's configuration, e.g. Ingest:Batching:MaxDelay.</param>
    public static async Task RunAsync(TimeSpan duration, int symbols, TimeSpan warmUp, TimeSpan rssInterval, IReadOnlyDictionary<string, string> ingestSettings, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var dayNumber = TradingDays.LatestWeekday(time);
        var pushTimes = new MarketDay(dayNumber, symbols, seed: 7).PushTimesUnixMs;
        var from = BeijingTime.DayStartUnixMs(dayNumber) + BeijingTime.At(9, 29, 50);
        // The window starts with the first continuous push: the replay paces by the recorded tick
        // times, so the pre-open pushes (09:15-09:25) would cost five idle minutes before 09:30. The
        // offline engine is fed the same pushes, so both start from the same first snapshot.
        var skipped = pushTimes.Count(t => t < from);
        var pushes = pushTimes.Count(t => t >= from && t < from + (long)duration.TotalMilliseconds);
        var lastPushUnixMs = pushTimes[skipped + pushes - 1];
        MarketDay Window()
        {
            var day = new MarketDay(dayNumber, symbols, seed: 7);
            for (var i = 0; i < skipped; i++)
            {
                day.Next();
            }

            return day;
        }

        var work = Directory.CreateTempSubdirectory("qp-live-");
        try
        {
            var recording = Path.Combine(work.FullName, "window.jsonl");
            MarketDayRecording.Write(recording, Window(), pushes);
            var expected = ExpectedBars.Compute(Window, pushes, flush: true);
            var firstPush = Window().Next()!;
            var probeSymbol = Window().Symbols[firstPush.SymbolIndexes[firstPush.Count - 1]];
            // Frames the data closes while the replay runs (a bar closes at end + grace, every tick is at or after its push's time);
            // the rest are closed by the end-of-file flush at once and are only reconciled.
            var live = expected.Bars.Keys
                .Where(k => k.Period != (int)Period._1D && k.FrameUnixMs + (long)Grace.TotalMilliseconds < lastPushUnixMs)
                .GroupBy(k => (k.Period, k.FrameUnixMs))
                .ToDictionary(g => g.Key, g => g.Count());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"live: recording of {pushes} pushes {BeijingTime.Format(pushTimes[skipped])}..{BeijingTime.Format(lastPushUnixMs)}, {symbols:N0} symbols of {TradingDays.Format(dayNumber)}: {new FileInfo(recording).Length / 1048576.0:F1} MiB, {expected.Ticks:N0} ticks; {expected.Bars.Count:N0} bars expected, {live.Count} (period, frame)s closed by the data during the run"));
            var window = TimeSpan.FromMilliseconds(lastPushUnixMs - pushTimes[skipped]);
            await RunPipelineAsync(new LivePlan(window, recording, Path.Combine(work.FullName, "spool"), ingestSettings, expected, live, probeSymbol, warmUp, rssInterval), time, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunPipelineAsync(LivePlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = TestServers.Redis,
            ClickHouseUrl = TestServers.ClickHouseUrl,
            Relay = PipelineSettings.QuietRelay,
        });
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tracker = new VisibilityTracker(pipeline.Bars, TimeSpan.FromMilliseconds(25));
        var observer = new FinalStreamObserver(redis.GetDatabase(), pipeline.Keys, PipelineSettings.ShardCount, plan.LiveFrames, tracker, time);
        var probe = new QuoteProbe(redis.GetDatabase(), pipeline.Keys, new ShardRouter(PipelineSettings.ShardCount), plan.ProbeSymbol, time);
        var watching = tracker.RunAsync(() => observer.Complete, stop.Token);
        var observing = new[] { observer.RunAsync(stop.Token), probe.RunAsync(stop.Token) };

        var clock = Stopwatch.StartNew();
        // ExitWhenDone off: the ingest stays up after the file, so its CPU and memory are read at the end like the others'.
        var settings = new Dictionary<string, string>(plan.IngestSettings)
        {
            ["Ingest:Replay:ExitWhenDone"] = "false",
            ["Ingest:Grace"] = Grace.ToString(),
        };
        var ingest = await pipeline.StartReplayIngestAsync(plan.Recording, speed: 1, plan.SpoolDirectory, settings);
        (string, int?)[] processes =
        [
            ("ingest", ingest.ProcessId),
            ("relay", pipeline.Relay.ProcessId),
            ("storage-writer", pipeline.Writer.ProcessId),
            ("redis", PortOwner.Find(TestServers.Redis)),
            ("clickhouse", PortOwner.Find(new Uri(TestServers.ClickHouseUrl))),
        ];
        var usage = new ServiceUsage();
        foreach (var (name, pid) in processes)
        {
            usage.Track(name, pid);
        }

        var sampler = new RssSampler(processes, plan.RssInterval, time);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var sampling = sampler.RunAsync(stopSampling.Token);
        var progress = LiveProgress.RunAsync(probe, tracker, sampler, stop.Token);
        var redisAtWarmUp = RedisMemoryAtAsync(pipeline, plan.WarmUp, time, stopSampling.Token);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: ingest pid {ingest.ProcessId} (Replay at Speed 1, bars closed by the data{string.Concat(plan.IngestSettings.Select(s => $", {s.Key}={s.Value}"))}), relay pid {pipeline.Relay.ProcessId}, writer pid {pipeline.Writer.ProcessId}; RSS every {plan.RssInterval.TotalSeconds:F0} s; quote probe on {plan.ProbeSymbol}"));

        // CPU and memory are read over the live window only: the replay started after the clock, so
        // it has not reached its last push (and the end-of-file flush of the rest of the day) yet.
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (plan.Window - clock.Elapsed).Ticks)), time, cancellationToken);
        usage.Stop();
        var redisAtEnd = await RedisMemoryAtAsync(pipeline, TimeSpan.Zero, time, cancellationToken);
        await stopSampling.CancelAsync();
        var window = clock.Elapsed;
        await WaitStoredAsync(pipeline, plan.Expected.Bars.Count, ingest, cancellationToken);
        var stored = clock.Elapsed;
        await watching.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll([.. observing, sampling, progress]);

        var result = await Reconciler.CheckAsync(pipeline.Bars, plan.Expected.Bars, cancellationToken);
        Console.WriteLine("Redis memory by kind of key, at the end of the warm-up and at the end of the window:");
        foreach (var line in (await redisAtWarmUp).Concat(redisAtEnd))
        {
            Console.WriteLine(line);
        }

        LiveReport.Print(new LiveReport(plan, window, stored, tracker, observer, probe, usage, sampler, pipeline.ErrorLines(), pipeline.StartupReadinessLines(), result));
    }

    /// <summary>Positional arguments, and the "Ingest:Key=value" ones passed on to the ingest.</summary>
    public static (string[] Positional, Dictionary<string, string> IngestSettings) SplitArguments(string[] args)
    {
        var settings = new Dictionary<string, string>();
        foreach (var setting in args.Where(a => a.Contains('=', StringComparison.Ordinal)))
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (!key.StartsWith("Ingest:", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{setting}': only ingest settings (Ingest:Key=value) can be passed, e.g. Ingest:Batching:MaxDelay=00:00:00.020");
            }

            settings[key] = value;
        }

        return ([.. args.Where(a => !a.Contains('=', StringComparison.Ordinal))], settings);
    }

    /// <summary>
    /// Redis RSS alone cannot tell a leak from a structure still filling to its bound: where the
    /// memory is (<see cref="RedisMemoryBreakdown"/>) after <paramref name="delay"/>, or nothing if the run ends first.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RedisMemoryAtAsync(BenchPipeline pipeline, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ["  (the window ended before the warm-up)"];
        }

        var finalMaxEntries = long.Parse(PipelineSettings.QuietRelay["Relay:Trimming:FinalMaxEntries"], CultureInfo.InvariantCulture);
        return await RedisMemoryBreakdown.ReportAsync(TestServers.Redis, pipeline.Keys, PipelineSettings.ShardCount, finalMaxEntries, RelayDedupWindowBatches);
    }

    /// <summary>Every expected bar stored (the replay's end-of-file flush included), within a generous bound for a loaded machine.</summary>
    private static async Task WaitStoredAsync(BenchPipeline pipeline, long expected, ServiceProcess ingest, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            while (await pipeline.ScalarAsync("SELECT count() FROM bars FINAL") < expected)
            {
                if (ingest.HasExited)
                {
                    throw new InvalidOperationException($"the ingest exited before every bar was stored:\n{ingest.Output}");
                }

                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"not every expected bar was stored within 10 minutes after the window\n{pipeline.Logs[^Math.Min(pipeline.Logs.Length, 4000)..]}");
        }
    }
}
