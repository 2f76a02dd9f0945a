using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuotePlatform.Benchmarks.Relay;
using QuotePlatform.Ingest;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Publishing;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.Ingest;

/// <summary>
/// Bars/s from the ingest to the relay on loopback, through the real parts: full-market batches
/// (5,200 final 1m bars) appended to the durable spool (fsync Batch), streamed by the ingest's
/// RelayPublisher to a relay process writing to Redis, released on each ack. Also the ack latency
/// (send to ack) under that load and one batch at a time. Usage: ingest [runs=3] [seconds=10] [symbols=5200].
/// </summary>
public sealed class IngestBenchmark : IBenchmarkCommand
{
    public string Name => "ingest";

    public string Description => "bars/s from the ingest's spool through its publisher to the relay, ack p50/p99 [runs] [seconds] [symbols]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = Arg(args, 0, 3);
        var duration = TimeSpan.FromSeconds(Arg(args, 1, 10));
        var symbols = Arg(args, 2, 5200);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var apiKey = Guid.NewGuid().ToString("N");
        var spoolDirectory = Directory.CreateTempSubdirectory("ingest-bench-spool-").FullName;
        await using var relay = await ServiceProcess.StartAsync(
            "QuotePlatform.Relay", RelayBenchmark.RelaySettings(prefix, apiKey), http2Only: true, TimeSpan.FromSeconds(60));
        Console.WriteLine($"relay {relay.Address} (own process), Redis {TestServers.Redis}, {symbols} bars per batch, spool {spoolDirectory} (fsync Batch)");

        var host = BuildHost(relay.Address, apiKey, spoolDirectory);
        using var latencies = new AckLatencies();
        await host.StartAsync(cancellationToken);
        var spool = host.Services.GetRequiredService<BatchSpool>();
        var metrics = host.Services.GetRequiredService<IngestMetrics>();
        var batches = new BenchmarkBatches(symbols);

        // Warm-up: JIT, connection, the relay's script load.
        await LoadAsync(spool, metrics, batches, latencies, TimeSpan.FromSeconds(2), oneAtATime: false, cancellationToken);
        var loaded = new List<Result>();
        var single = new List<Result>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await LoadAsync(spool, metrics, batches, latencies, duration, oneAtATime: false, cancellationToken);
            loaded.Add(result);
            Console.WriteLine($"run {run} spool full, publisher window 8: {result}");
            var one = await LoadAsync(spool, metrics, batches, latencies, duration / 2, oneAtATime: true, cancellationToken);
            single.Add(one);
            Console.WriteLine($"run {run} one batch at a time:        {one}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs} runs: {RelayBenchmark.Median(loaded, r => r.BarsPerSecond):N0} bars/s ingest → relay (ack p50 {RelayBenchmark.Median(loaded, r => r.P50):F2} ms, " +
            $"p99 {RelayBenchmark.Median(loaded, r => r.P99):F2} ms under load); one batch at a time: ack p50 {RelayBenchmark.Median(single, r => r.P50):F2} ms, " +
            $"p99 {RelayBenchmark.Median(single, r => r.P99):F2} ms"));

        await host.StopAsync(CancellationToken.None);
        host.Dispose();
        await RelayBenchmark.DeleteKeysAsync(prefix);
        Directory.Delete(spoolDirectory, recursive: true);
    }

    // Appends batches for the duration (the spool's cap holds the producer back when the relay is
    // slower), then waits until every one is acknowledged: the rate counts only acknowledged bars.
    private static async Task<Result> LoadAsync(
        BatchSpool spool, IngestMetrics metrics, BenchmarkBatches batches, AckLatencies latencies, TimeSpan duration, bool oneAtATime, CancellationToken cancellationToken)
    {
        latencies.Clear();
        var acceptedBefore = metrics.AcceptedBars;
        var clock = Stopwatch.StartNew();
        ulong appended = 0;
        while (clock.Elapsed < duration)
        {
            await spool.AppendAsync(batches.Next(appended++), ResumePoint.None, cancellationToken);
            if (oneAtATime)
            {
                await spool.WaitDrainedAsync(cancellationToken);
            }
        }

        await spool.WaitDrainedAsync(cancellationToken);
        clock.Stop();
        var stats = latencies.Snapshot();
        return new Result((metrics.AcceptedBars - acceptedBefore) / clock.Elapsed.TotalSeconds, stats.Percentile(50), stats.Percentile(99), stats.Count, metrics.FailedAnswers);
    }

    private static IHost BuildHost(Uri relay, string apiKey, string spoolDirectory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The producer here outruns the relay on purpose: the spool's cap is the back-pressure, not news.
        builder.Logging.AddFilter("QuotePlatform.Ingest.Spool", LogLevel.None);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new RelayClientOptions { Url = relay.ToString(), ApiKey = apiKey, ProducerId = "bench" }));
        services.AddSingleton(Options.Create(new SpoolOptions { Directory = spoolDirectory, Fsync = FsyncPolicy.Batch, MaxBytes = 64L << 20 }));
        services.AddSingleton<IngestMetrics>();
        services.AddBatchSpool();
        services.AddSingleton(GrpcChannel.ForAddress(relay, new GrpcChannelOptions { MaxSendMessageSize = null }).CreateCallInvoker());
        services.AddIngestResilience();
        services.AddHostedService<RelayPublisher>();
        return builder.Build();
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private sealed record Result(double BarsPerSecond, double P50, double P99, int Batches, long FailedAnswers)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{BarsPerSecond:N0} bars/s acked, {Batches} batches, ack p50 {P50:F2} ms p99 {P99:F2} ms, FAILED answers so far {FailedAnswers}");
    }

    /// <summary>The publisher's own ack-latency histogram (qp.ingest.ack.duration), collected as it records.</summary>
    private sealed class AckLatencies : IDisposable
    {
        private readonly MeterListener _listener = new();
        private LatencyStats _stats = new();

        public AckLatencies()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestMetrics.MeterName && instrument.Name == "qp.ingest.ack.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                lock (this)
                {
                    _stats.Add(TimeSpan.FromSeconds(seconds));
                }
            });
            _listener.Start();
        }

        public void Clear()
        {
            lock (this)
            {
                _stats = new LatencyStats();
            }
        }

        public LatencyStats Snapshot()
        {
            lock (this)
            {
                return _stats;
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
