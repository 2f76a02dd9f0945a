using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuotePlatform.Benchmarks.Synthesis;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt;

namespace QuotePlatform.Benchmarks.Qmt;

/// <summary>
/// A simulated full-market live day through the QMT source (CPython, the simulated xtdata on its own
/// thread, the bridge, the source's queue) into the bar engine with roll-ups, at a high clock speed,
/// sampling this process's resident memory as the simulated day goes on: it should stay flat.
/// </summary>
public sealed class QmtDayCommand : IBenchmarkCommand
{
    public string Name => "qmt-day";

    public string Description => "RSS and ticks/s of the QMT source + bar engine over a simulated live day; args: [symbols=5200] [speed=0 (max)] [start=09:14:00]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var symbols = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5200;
        var speed = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0;
        var start = args.Length > 2 ? args[2] : "09:14:00";
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ingest:Qmt:PythonDll"] = BenchmarkPython.PythonDll,
                ["Ingest:Qmt:ModuleSearchPaths:0"] = BenchmarkPython.SimulatorFolder,
                ["Ingest:Qmt:StallTimeout"] = "00:05:00",
            }).Build())
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddQmtSource()
            .BuildServiceProvider();
        services.GetRequiredService<QuotePlatform.Ingest.Sources.Qmt.Python.PythonRuntime>().EnsureStarted();
        BenchmarkPython.ConfigureSimulator(("symbols", symbols), ("speed", speed), ("start", start));

        var pushes = Channel.CreateBounded<TickPush>(new BoundedChannelOptions(64) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var source = services.GetRequiredService<QmtTickSource>().RunAsync(pushes.Writer, stop.Token);
        var sink = new CountingSink();
        var engine = new BarSynthesizer(new SynthesisOptions(), new RollupAggregator(sink));
        var samples = new List<(long MarketMs, double RssMb)>();
        var clock = Stopwatch.StartNew();
        var sampled = TimeSpan.Zero;
        long ticks = 0, count = 0, watermark = long.MinValue;
        var close = long.MaxValue;
        Console.WriteLine($"simulated day: {symbols} symbols from {start}, speed {(speed > 0 ? speed.ToString(CultureInfo.InvariantCulture) + "x" : "max")}");
        while (watermark < close && await pushes.Reader.WaitToReadAsync(cancellationToken))
        {
            while (pushes.Reader.TryRead(out var push))
            {
                count++;
                foreach (var tick in push.Ticks)
                {
                    if (tick.Tick.TimeUnixMs > watermark)
                    {
                        watermark = tick.Tick.TimeUnixMs;
                        engine.AdvanceWatermark(watermark);
                        close = BeijingTime.DayStartUnixMs(BeijingTime.DayNumber(watermark)) + TradingSession.Close;
                    }

                    engine.OnTick(tick.Symbol, tick.Tick);
                    ticks++;
                }
            }

            if (clock.Elapsed - sampled >= TimeSpan.FromSeconds(5))
            {
                sampled = clock.Elapsed;
                var rss = ResidentMegabytes();
                samples.Add((watermark, rss));
                var at = DateTimeOffset.FromUnixTimeMilliseconds(watermark).ToOffset(BeijingTime.Offset);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{clock.Elapsed.TotalSeconds,6:F0} s  market {at:HH:mm:ss}  RSS {rss,6:F0} MB  ticks {ticks,12:N0}  pushes {count,7:N0}"));
            }
        }

        clock.Stop();
        await stop.CancelAsync();
        await source;
        engine.Flush();
        var statistics = services.GetRequiredService<QmtSourceStatistics>();
        var settled = samples.Skip(samples.Count / 4).Select(s => s.RssMb).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"day: {ticks:N0} ticks in {count:N0} pushes, {clock.Elapsed.TotalSeconds:F0} s, {ticks / clock.Elapsed.TotalSeconds:N0} ticks/s; {sink.Final:N0} final bars; source queue full {statistics.InboxFull}, channel full {statistics.ChannelFull}"));
        if (settled.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RSS over the last three quarters of the run: min {settled[0]:F0} MB, median {settled[settled.Count / 2]:F0} MB, max {settled[^1]:F0} MB (goal <= 300 MB, flat); peak {samples.Max(s => s.RssMb):F0} MB"));
        }
    }

    private static double ResidentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
