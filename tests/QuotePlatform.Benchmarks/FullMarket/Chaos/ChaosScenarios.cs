using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Benchmarks.FullMarket.Cluster;
using QuotePlatform.Benchmarks.FullMarket.Ingest;

namespace QuotePlatform.Benchmarks.FullMarket.Chaos;

/// <summary>
/// The fault-injection suite of issue 10. <c>outage</c> is how long the ClickHouse
/// endpoint stays stopped (60 s in `scripts/dev.sh chaos`; shorter in the CI tests).
/// </summary>
public static class ChaosScenarios
{
    public static IReadOnlyList<ChaosScenario> All(ChaosOptions market, TimeSpan outage) =>
    [
        WriterKilledBeforeInsert(market),
        WriterKilledAfterInsertBeforeAck(market),
        RelayKilledMidStream(market),
        RedisRestarted(market),
        ClickHouseStopped(market, outage),
        SlowClickHouse(market, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20)),
        DuplicateDeliveries(market),
        PoisonEntry(market),
        ConnectionsCut(market, cuts: 3),
    ];

    public static ChaosScenario WriterKilledBeforeInsert(ChaosOptions market) => new(
        "writer kill -9 before an insert",
        market with { ProxyClickHouse = true },
        (run, ct) => KillWriterAtAsync(run, before: true, ct),
        HealthCheckNoise);

    public static ChaosScenario WriterKilledAfterInsertBeforeAck(ChaosOptions market) => new(
        "writer kill -9 after insert, before ack",
        market with { ProxyClickHouse = true },
        (run, ct) => KillWriterAtAsync(run, before: false, ct),
        HealthCheckNoise);

    public static ChaosScenario RelayKilledMidStream(ChaosOptions market) => new(
        "relay kill -9 mid-stream",
        market,
        async (run, _) =>
        {
            var unacked = run.Feed.Unacked;
            await run.Pipeline.KillAndRestartRelayAsync(TimeSpan.FromSeconds(1));
            run.Cleared();
            return $"killed with {unacked} batches unacknowledged, restarted on the same port";
        },
        HealthCheckNoise);

    public static ChaosScenario RedisRestarted(ChaosOptions market) => new(
        "Redis kill -9 and restart (AOF)",
        market,
        async (run, _) =>
        {
            await run.Redis.KillAndRestartAsync(TimeSpan.FromSeconds(2));
            run.Cleared();
            return "killed with appendfsync always, restarted on the same files after 2 s";
        },
        line => HealthCheckNoise(line) || line.Contains("Redis", StringComparison.OrdinalIgnoreCase));

    public static ChaosScenario ClickHouseStopped(ChaosOptions market, TimeSpan outage) => new(
        $"ClickHouse endpoint stopped {outage.TotalSeconds:F0} s",
        market with { OwnClickHouse = true },
        async (run, _) =>
        {
            await run.ClickHouse!.StopAndRestartAsync(outage);
            run.Cleared();
            return $"stopped (SIGTERM) for {outage.TotalSeconds:F0} s, restarted on the same port and data";
        },
        _ => true);

    public static ChaosScenario SlowClickHouse(ChaosOptions market, TimeSpan latency, TimeSpan duration) => new(
        $"slow ClickHouse (+{latency.TotalMilliseconds:F0} ms per answer chunk)",
        market with { ProxyClickHouse = true },
        async (run, ct) =>
        {
            run.ClickHouseProxy!.AnswerLatency = latency;
            await Task.Delay(duration, ct);
            run.ClickHouseProxy.AnswerLatency = TimeSpan.Zero;
            run.Cleared();
            return string.Create(CultureInfo.InvariantCulture, $"every answer chunk delayed {latency.TotalMilliseconds:F0} ms for {duration.TotalSeconds:F0} s");
        },
        HealthCheckNoise);

    public static ChaosScenario DuplicateDeliveries(ChaosOptions market) => new(
        "duplicate deliveries",
        market,
        async (run, ct) =>
        {
            // The relay side: the same batches sent again by the same producer (a resend after a lost ack).
            var again = run.Acked.Take(30).ToList();
            await using (var resend = new RelayFeed(run.Pipeline.Relay.Address, BenchPipeline.ProducerId, run.Pipeline.ApiKey, window: 8, again[0].Sequence))
            {
                foreach (var batch in again)
                {
                    await resend.SendAsync(batch.Clone(), ct);
                }

                await resend.DrainAsync(ct);
                // The stream side: entries delivered to the writer twice (a dedup window that was lost).
                var added = await run.ReAddEntriesAsync(perShard: 4);
                run.Cleared();
                return $"{again.Count} batches resent to the relay ({resend.Duplicates} answered DUPLICATE), {added} stream entries added a second time";
            }
        },
        HealthCheckNoise);

    public static ChaosScenario PoisonEntry(ChaosOptions market) => new(
        "poison entry",
        market,
        async (run, _) =>
        {
            using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(run.Redis.Address);
            var db = redis.GetDatabase();
            await db.StreamAddAsync(run.Pipeline.Keys.Bars(3), [new("bars", new byte[] { 0xFF, 0x01, 0x02 }), new("producer", "chaos"), new("seq", 1), new("count", 1)]);
            var waited = Stopwatch.StartNew();
            long dead;
            while ((dead = await run.Pipeline.ScalarAsync("SELECT count() FROM bars_dead_letter")) == 0 && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(200);
            }

            run.Cleared();
            return $"an undecodable entry in shard 3: {dead} dead-letter row(s) after {waited.Elapsed.TotalSeconds:F1} s";
        },
        line => HealthCheckNoise(line) || line.Contains("StorageWriter", StringComparison.Ordinal));

    public static ChaosScenario ConnectionsCut(ChaosOptions market, int cuts) => new(
        "connections cut (proxy)",
        market with { ProxyRelayAndRedis = true },
        async (run, ct) =>
        {
            for (var i = 0; i < cuts; i++)
            {
                run.RelayProxy!.CutAll();
                run.RedisProxy!.CutAll();
                run.ClickHouseProxy!.CutAll();
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }

            run.Cleared();
            return $"{cuts} cuts of every connection (ingest→relay, writer→Redis, writer→ClickHouse) 2 s apart";
        },
        _ => true);

    /// <summary>Kills the writer from inside the proxy at the INSERT, so the moment is exact, then starts it again.</summary>
    private static async Task<string> KillWriterAtAsync(ChaosRun run, bool before, CancellationToken cancellationToken)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var armed = 1;
        bool Kill()
        {
            if (Interlocked.Exchange(ref armed, 0) == 0)
            {
                return true;
            }

            if (!run.Pipeline.Writer.HasExited)
            {
                run.Pipeline.Writer.KillAsync().GetAwaiter().GetResult();
            }

            fired.SetResult();
            return false;
        }

        if (before)
        {
            run.ClickHouseProxy!.BeforeInsert = Kill;
        }
        else
        {
            run.ClickHouseProxy!.AfterInsertAnswered = Kill;
        }

        await fired.Task.WaitAsync(cancellationToken);
        await run.Pipeline.KillAndRestartWriterAsync(TimeSpan.FromSeconds(1));
        run.Cleared();
        return before ? "killed holding an INSERT the server never saw" : "killed after ClickHouse stored an INSERT, before the writer saw the answer (no XACK)";
    }

    // A service polled for readiness before its dependencies answer logs the failed check.
    private static bool HealthCheckNoise(string line) => line.Contains("HealthCheck", StringComparison.Ordinal);
}
