using System.Diagnostics;
using QuotePlatform.Benchmarks.FullMarket.Cluster;
using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Benchmarks.FullMarket.Verification;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.FullMarket.Chaos;

/// <summary>
/// kill -9 of the ingest service mid-stream: the ingest runs as its own process, replaying a slice
/// of the generated day from a file at <c>speed</c>× the market pace into the relay; it
/// is killed while batches are in flight, started again on the same durable spool, resumes and
/// exits once every batch is acknowledged. Then every bar is reconciled.
/// </summary>
public static class IngestKillScenario
{
    public const string Name = "ingest kill -9 mid-stream";

    public static async Task<ChaosOutcome> RunAsync(ChaosOptions market, double speed, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var day = TradingDays.LatestWeekday(TimeProvider.System);
        var work = Directory.CreateTempSubdirectory("qp-chaos-ingest-");
        var recording = Path.Combine(work.FullName, "day.jsonl");
        MarketDayRecording.Write(recording, new MarketDay(day, market.Symbols), market.Pushes);
        var expected = ExpectedBars.Compute(() => new MarketDay(day, market.Symbols), market.Pushes, flush: true);
        await using var redis = await RedisServerProcess.StartAsync();
        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings { Redis = redis.Address, ClickHouseUrl = TestServers.ClickHouseUrl });
        var spool = Path.Combine(work.FullName, "spool");
        var logs = "";
        try
        {
            var ingest = await pipeline.StartReplayIngestAsync(recording, speed, spool);
            // The replay closes the rest of the day only at its end, so "mid-stream" is judged by the
            // minutes the pushes themselves reach: kill once a third of those are stored.
            var oneMinuteBars = expected.Bars.Keys.Count(k => k.Period == 1);
            var lastPush = new MarketDay(day, market.Symbols).PushTimesUnixMs[market.Pushes - 1];
            var streamed = expected.Bars.Keys.Count(k => k.Period == 1 && k.FrameUnixMs < lastPush);
            long stored;
            while ((stored = await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE period = 1")) < streamed / 3)
            {
                await Task.Delay(50, deadline.Token);
            }

            await ingest.KillAsync();
            logs += ingest.Output;
            await ingest.DisposeAsync();
            var restarted = Stopwatch.StartNew();
            // Disposed with the pipeline, whose logs (and so its error lines) now hold this one's output.
            var again = await pipeline.StartReplayIngestAsync(recording, speed, spool);
            var exit = await again.WaitForExitAsync(timeout);
            logs += again.Output;
            while (await pipeline.ScalarAsync("SELECT count() FROM bars FINAL") < expected.Bars.Count)
            {
                await Task.Delay(100, deadline.Token);
            }

            var result = await Reconciler.CheckAsync(pipeline.Bars, expected.Bars, deadline.Token);
            var errors = pipeline.ErrorLines().Where(line => !line.Contains("HealthCheck", StringComparison.Ordinal)).ToList();
            return new ChaosOutcome(Name, result, restarted.Elapsed,
                $"killed (SIGKILL) with {stored} of {oneMinuteBars} 1m bars stored, restarted on the same spool, replay finished with exit code {exit}", errors);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name}: not done within {timeout}\n{logs}\n{pipeline.Logs[^Math.Min(pipeline.Logs.Length, 4000)..]}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
