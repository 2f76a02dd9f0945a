using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Testing.FullMarket.Cluster;
using QuotePlatform.Testing.FullMarket.Ingest;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Testing.FullMarket.Verification;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// A full-market trading day (5,200 symbols, a push every 3 s, ~25 M ticks) as fast as it goes:
/// ingest (in-process: bar engine, batching, gRPC client) → relay process → Redis → storage writer
/// process → ClickHouse endpoint; then every expected bar (the engine offline on the same ticks) is
/// checked present exactly once with equal values, and every tick the engine accepted is checked in
/// the tick archive once; then the archive's bytes per tick after OPTIMIZE FINAL and GetTicks latency
/// for one symbol-day are measured. `scripts/dev.sh bench` runs it.
/// Usage: full-market-day [symbols=5200].
/// </summary>
public sealed class FullMarketDayCommand : IBenchmarkCommand
{
    public string Name => "full-market-day";

    public string Description => "a full-market day through ingest, relay, Redis, writer, ClickHouse; reconciled [symbols]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var symbols = Arg(args, 0, 5_200);
        const int seed = 7;
        var dayNumber = TradingDays.LatestWeekday(TimeProvider.System);
        MarketDay NewDay() => new(dayNumber, symbols, seed);

        var offline = Stopwatch.StartNew();
        var expected = ExpectedBars.Compute(NewDay);
        offline.Stop();
        var sample = NewDay();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full-market day {TradingDays.Format(dayNumber)}: {symbols:N0} symbols ({sample.Suspended.Count(s => !s)} trading), {sample.PushCount:N0} pushes, {expected.Ticks:N0} ticks; offline engine: {expected.Bars.Count:N0} final bars in {offline.Elapsed.TotalSeconds:F1} s"));

        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = TestServers.Redis,
            ClickHouseUrl = TestServers.ClickHouseUrl,
            Relay = PipelineSettings.QuietRelay,
        });
        Console.WriteLine($"relay {pipeline.Relay.Address} (pid {pipeline.Relay.ProcessId}), storage writer pid {pipeline.Writer.ProcessId}, Redis {TestServers.Redis}, ClickHouse {TestServers.ClickHouseUrl}/{pipeline.Database}");

        var usage = new ServiceUsage();
        usage.Track("ingest (bench)", Environment.ProcessId);
        usage.Track("relay", pipeline.Relay.ProcessId);
        usage.Track("storage-writer", pipeline.Writer.ProcessId);
        usage.Track("redis", PortOwner.Find(TestServers.Redis));
        usage.Track("clickhouse", PortOwner.Find(new Uri(TestServers.ClickHouseUrl)));

        var clock = Stopwatch.StartNew();
        var tracker = new VisibilityTracker(pipeline.Bars, TimeSpan.FromMilliseconds(50));
        var fed = false;
        var watching = tracker.RunAsync(() => Volatile.Read(ref fed), cancellationToken);
        var tap = new SentBatchTap(batch => tracker.Closed([.. batch.Bars.Where(bar => bar.Final)]));
        var ingest = new RealIngest(NewDay, pipeline.Relay.Address, BenchPipeline.ProducerId, pipeline.ApiKey, tap);
        // It stops once every batch is acknowledged, as Ingest:Replay:ExitWhenDone does.
        await ingest.RunAsync(cancellationToken);
        var acked = clock.Elapsed;
        var ticks = ingest.Source.Ticks;
        Volatile.Write(ref fed, true);
        await WaitVisibleAsync(watching, pipeline, TimeSpan.FromMinutes(5), cancellationToken);
        var barsVisible = clock.Elapsed;
        var acceptedTicks = expected.AcceptedTicks.Values.Sum(t => t.Count);
        await Poll.UntilAsync(
            async () => Convert.ToInt64(await pipeline.Bars.ExecuteScalarAsync("SELECT count() FROM ticks", cancellationToken: cancellationToken), CultureInfo.InvariantCulture) >= acceptedTicks,
            TimeSpan.FromMinutes(5),
            () => $"ticks not all in the archive\n{pipeline.Logs[^Math.Min(pipeline.Logs.Length, 4000)..]}");
        var visible = clock.Elapsed;
        clock.Stop();
        usage.Stop();

        var check = Stopwatch.StartNew();
        var result = await Reconciler.CheckAsync(pipeline.Bars, expected.Bars, cancellationToken);
        check.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            stages (from the first tick): ingest done and every batch acknowledged {acked.TotalSeconds:F1} s, every bar queryable {barsVisible.TotalSeconds:F1} s, every tick archived {visible.TotalSeconds:F1} s
            throughput: {ticks / visible.TotalSeconds:N0} ticks/s end to end, {result.Stored / visible.TotalSeconds:N0} bars/s stored
            relay: {tap.Batches:N0} batches sent by the ingest service's pipeline (engine stage, batch builder, durable spool, relay publisher), every one acknowledged
            close-to-queryable per (period, frame), polled every 50 ms: {tracker.Latency.Summary()}
            CPU and peak RSS per service over the {visible.TotalSeconds:F1} s run:
            """));
        foreach (var line in usage.Report(visible))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reconciliation against the offline engine ({check.Elapsed.TotalSeconds:F1} s): {result}"));
        var tickCheck = Stopwatch.StartNew();
        var ticksResult = await TickReconciler.CheckAsync(pipeline.Bars, expected.AcceptedTicks, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tick archive against the ticks the engine accepted ({tickCheck.Elapsed.TotalSeconds:F1} s): {ticksResult}"));
        foreach (var line in await TickArchiveFigures.StorageAsync(pipeline, cancellationToken))
        {
            Console.WriteLine(line);
        }

        var (verifyLine, verifyExit, verifyTook) = await TickArchiveFigures.VerifyAsync(pipeline, TestServers.ClickHouseUrl, TradingDays.Format(dayNumber), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quote verify --date {TradingDays.Format(dayNumber)} ({verifyTook.TotalSeconds:F1} s, exit {verifyExit}): {verifyLine}"));
        var getTicks = await TickArchiveFigures.GetTicksAsync(pipeline, [.. expected.AcceptedTicks.Keys], sample.DayStartUnixMs, 200, cancellationToken);
        Console.WriteLine($"GetTicks, one symbol-day (~{acceptedTicks / Math.Max(1, expected.AcceptedTicks.Count):N0} ticks) in one page, {getTicks.Count} calls: {getTicks.Summary()}");
        var errors = pipeline.ErrorLines();
        Console.WriteLine($"errors in the service logs: {errors.Count} (not counted: {pipeline.StartupReadinessLines()} readiness checks answered 'not prepared yet' while a service started){(errors.Count > 0 ? "\n  " + string.Join("\n  ", errors.Take(5)) : "")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full-market day: {visible.TotalSeconds:F1} s, {result.Stored} bars, missing {result.Missing}, duplicates {result.Duplicates}, ticks {ticksResult.Stored}, ticks missing {ticksResult.Missing}, ticks duplicates {ticksResult.Duplicates}"));
    }

    /// <summary>Every sealed frame visible to SELECT (the tracker drains), within a generous bound for a loaded machine.</summary>
    private static async Task WaitVisibleAsync(Task watching, BenchPipeline pipeline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await Task.WhenAny(watching, Task.Delay(timeout, cancellationToken)) != watching)
        {
            throw new TimeoutException($"bars not all visible in ClickHouse within {timeout}\n{pipeline.Logs[^Math.Min(pipeline.Logs.Length, 4000)..]}");
        }

        await watching;
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
