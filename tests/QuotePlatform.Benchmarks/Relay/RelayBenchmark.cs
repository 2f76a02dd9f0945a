using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.Relay;

/// <summary>
/// Bars/s sustained through the relay into Redis, and ack latency of 5,200-bar batches, from a gRPC
/// client on loopback. Starts the relay (built output) against QP_REDIS, or uses QP_RELAY_URL with
/// QP_RELAY_API_KEY. Usage: relay [runs=3] [seconds=10] [window=8] [symbols=5200].
/// </summary>
public sealed class RelayBenchmark : IBenchmarkCommand
{
    private const int ShardCount = 16;

    public string Name => "relay";

    public string Description => "bars/s into Redis and ack p50/p99 of 5,200-bar batches over gRPC [runs] [seconds] [window] [symbols]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = Arg(args, 0, 3);
        var duration = TimeSpan.FromSeconds(Arg(args, 1, 10));
        var window = Arg(args, 2, 8);
        var symbols = Arg(args, 3, 5200);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var apiKey = Environment.GetEnvironmentVariable("QP_RELAY_API_KEY") is { Length: > 0 } key ? key : Guid.NewGuid().ToString("N");

        await using var relay = Environment.GetEnvironmentVariable("QP_RELAY_URL") is { Length: > 0 }
            ? null
            : await ServiceProcess.StartAsync("QuotePlatform.Relay", RelaySettings(prefix, apiKey), http2Only: true, TimeSpan.FromSeconds(60));
        var address = relay?.Address ?? new Uri(Environment.GetEnvironmentVariable("QP_RELAY_URL")!);
        Console.WriteLine($"relay {address} ({(relay is null ? "external" : "own process")}), Redis {TestServers.Redis}, {symbols} bars per batch");

        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxSendMessageSize = null });
        var client = new IngestService.IngestServiceClient(channel);
        var headers = new Metadata { { "x-api-key", apiKey } };
        var batches = new BenchmarkBatches(symbols);
        var sequence = 1UL;

        // Warm-up: JIT, connection, script load.
        await PublishForAsync(client, headers, batches, () => sequence++, TimeSpan.FromSeconds(2), window, cancellationToken);

        var throughput = new List<RunResult>();
        var latency = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var pipelined = await PublishForAsync(client, headers, batches, () => sequence++, duration, window, cancellationToken);
            throughput.Add(pipelined);
            Console.WriteLine($"run {run} throughput (window {window}): {pipelined}");
            var single = await PublishForAsync(client, headers, batches, () => sequence++, duration / 2, 1, cancellationToken);
            latency.Add(single);
            Console.WriteLine($"run {run} latency    (window 1): {single}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs} runs: {Median(throughput, r => r.BarsPerSecond):N0} bars/s sustained (window {window}, p99 ack {Median(throughput, r => r.P99):F2} ms); " +
            $"one batch at a time: ack p50 {Median(latency, r => r.P50):F2} ms, p99 {Median(latency, r => r.P99):F2} ms, {Median(latency, r => r.BarsPerSecond):N0} bars/s"));

        if (relay is not null)
        {
            await DeleteKeysAsync(prefix);
        }
    }

    private static async Task<RunResult> PublishForAsync(
        IngestService.IngestServiceClient client, Metadata headers, BenchmarkBatches batches, Func<ulong> nextSequence, TimeSpan duration, int window, CancellationToken cancellationToken)
    {
        using var call = client.Publish(headers, cancellationToken: cancellationToken);
        var sentAt = new Dictionary<ulong, long>();
        var slots = new SemaphoreSlim(window);
        var stats = new LatencyStats();
        long bars = 0;
        var failed = 0;
        var answers = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                var answer = call.ResponseStream.Current;
                long started;
                lock (sentAt)
                {
                    started = sentAt[answer.Sequence];
                }

                stats.Add(Stopwatch.GetElapsedTime(started));
                bars += answer.AcceptedBars;
                failed += answer.Status == BatchStatus.Written ? 0 : 1;
                slots.Release();
            }
        }, cancellationToken);

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await slots.WaitAsync(cancellationToken);
            var request = batches.Next(nextSequence());
            lock (sentAt)
            {
                sentAt[request.Sequence] = Stopwatch.GetTimestamp();
            }

            await call.RequestStream.WriteAsync(request, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        await answers;
        clock.Stop();
        return new RunResult(bars / clock.Elapsed.TotalSeconds, stats.Percentile(50), stats.Percentile(99), stats.Count, failed);
    }

    internal static Dictionary<string, string> RelaySettings(string prefix, string apiKey) => new()
    {
        ["ConnectionStrings:redis"] = TestServers.Redis,
        ["Streams:KeyPrefix"] = prefix,
        ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        ["Relay:Producers:0:Id"] = "bench",
        ["Relay:Producers:0:ApiKey"] = apiKey,
        // Keep Redis memory small while writing ~200 MB/min of bars: trim often, keep little.
        ["Relay:Trimming:Interval"] = "00:00:01",
        ["Relay:Trimming:FinalMaxEntries"] = "200",
        ["Relay:ReportInterval"] = "00:00:05",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:QuotePlatform.Relay.Telemetry"] = "Information",
    };

    internal static async Task DeleteKeysAsync(string prefix)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var keys = new StreamKeys(prefix);
        var names = Enumerable.Range(0, ShardCount).SelectMany(shard => new RedisKey[]
        {
            keys.Bars(shard), keys.FormingBars(shard), keys.LatestQuotes(shard), $"{keys.LatestQuotes(shard)}:times", $"{keys.Bars(shard)}:seen:bench",
        });
        await redis.GetDatabase().KeyDeleteAsync([.. names]);
    }

    internal static double Median<T>(List<T> results, Func<T, double> value)
    {
        var sorted = results.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private sealed record RunResult(double BarsPerSecond, double P50, double P99, int Batches, int NotWritten)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{BarsPerSecond:N0} bars/s, {Batches} batches, ack p50 {P50:F2} ms p99 {P99:F2} ms, not written {NotWritten}");
    }
}
