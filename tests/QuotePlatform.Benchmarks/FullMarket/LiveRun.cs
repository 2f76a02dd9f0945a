using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Benchmarks.FullMarket.Cluster;
using QuotePlatform.Benchmarks.FullMarket.Ingest;
using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Benchmarks.FullMarket.Verification;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// The simulated full market in real time through the deployed chain for a while: bar close to
/// queryable, push to latest quote visible, memory of every service sampled, errors in the logs,
/// and at the end every bar reconciled against the offline engine. Shared by `live` and `soak`.
/// </summary>
public static class LiveRun
{
    public static async Task RunAsync(TimeSpan duration, int symbols, TimeSpan warmUp, TimeSpan rssInterval, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var dayNumber = TradingDays.LatestWeekday(time);
        var start = BeijingTime.At(9, 29, 50);
        MarketDay NewDay() => new(dayNumber, symbols, seed: 7);

        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = TestServers.Redis,
            ClickHouseUrl = TestServers.ClickHouseUrl,
            Relay = PipelineSettings.QuietRelay,
        });
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        (string, int?)[] processes =
        [
            ("ingest (bench)", Environment.ProcessId),
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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {symbols:N0} symbols of {TradingDays.Format(dayNumber)} in real time from 09:29:50 for {duration.TotalMinutes:F0} min; relay pid {pipeline.Relay.ProcessId}, writer pid {pipeline.Writer.ProcessId}, RSS every {rssInterval.TotalSeconds:F0} s"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = new RssSampler(processes, rssInterval, time);
        var tracker = new VisibilityTracker(pipeline.Bars, TimeSpan.FromMilliseconds(25));
        var probe = new QuoteProbe(redis.GetDatabase(), pipeline.Keys, new ShardRouter(PipelineSettings.ShardCount));
        await using var feed = new RelayFeed(pipeline.Relay.Address, BenchPipeline.ProducerId, pipeline.ApiKey, window: 8, firstSequence: 1);
        var ingest = new LiveIngest(NewDay(), feed, maxItems: 8_192, start, time);
        ingest.Sink.FinalSealed += tracker.Closed;
        ingest.PushSent += probe.Pushed;
        var fed = false;
        var background = new[] { sampler.RunAsync(stop.Token), probe.RunAsync(stop.Token) };
        var watching = tracker.RunAsync(() => Volatile.Read(ref fed), stop.Token);
        var progress = ReportProgressAsync(ingest, tracker, probe, sampler, stop.Token);

        var clock = Stopwatch.StartNew();
        await ingest.RunAsync(duration, cancellationToken);
        await feed.DrainAsync(cancellationToken);
        Volatile.Write(ref fed, true);
        await watching.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var elapsed = clock.Elapsed;
        usage.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(background);
        await progress;

        var expected = ExpectedBars.Compute(NewDay, ingest.Pushes, ingest.Watermark);
        var result = await Reconciler.CheckAsync(pipeline.Bars, expected.Bars, cancellationToken);
        var errors = pipeline.ErrorLines();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            live result after {elapsed.TotalMinutes:F1} min: {ingest.Pushes:N0} pushes, {ingest.Ticks:N0} ticks ({ingest.Ticks / elapsed.TotalSeconds:N0}/s), {ingest.Batches:N0} batches, market clock reached {BeijingTime.Format(ingest.Watermark)}
            bar close to queryable (per (period, frame), polled every 25 ms; the engine closes a bar 10 s grace after its end): {tracker.Latency.Summary()} (goal p99 <= 500 ms)
            push to latest quote visible in Redis (last quote of each push, polled every 1 ms): {probe.Latency.Summary()}, timed out {probe.TimedOut} (goal p99 <= 100 ms)
            relay acks: {feed.AckLatency.Summary()}; reconnects {feed.Reconnects}, FAILED answers {feed.FailedAnswers}, rejected items {feed.RejectedItems}
            CPU and peak RSS per service:
            """));
        foreach (var line in usage.Report(elapsed))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"memory (RSS) after a {warmUp.TotalMinutes:F0}-minute warm-up:");
        foreach (var line in sampler.Growth(warmUp))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"errors in the service logs: {errors.Count}{(errors.Count > 0 ? "\n  " + string.Join("\n  ", errors.Take(10)) : "")}");
        Console.WriteLine($"reconciliation against the offline engine: {result}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {elapsed.TotalMinutes:F1} min, close-to-queryable p99 {tracker.Latency.Percentile(99):F0} ms, quote-visible p99 {probe.Latency.Percentile(99):F0} ms, {result.Stored} bars, missing {result.Missing}, duplicates {result.Duplicates}, errors {errors.Count}"));
    }

    private static async Task ReportProgressAsync(LiveIngest ingest, VisibilityTracker tracker, QuoteProbe probe, RssSampler sampler, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
                string bars, quotes;
                lock (probe.Latency)
                {
                    quotes = probe.Latency.Summary();
                }

                bars = tracker.Latency.Summary();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{BeijingTime.Format(ingest.Watermark)}] {ingest.Pushes} pushes, {ingest.Ticks:N0} ticks, {ingest.Batches} batches; bars visible {bars}; quotes {quotes}; RSS {sampler.Latest()}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
