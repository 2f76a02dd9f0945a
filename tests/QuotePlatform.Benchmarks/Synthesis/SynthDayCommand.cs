using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;

namespace QuotePlatform.Benchmarks.Synthesis;

/// <summary>
/// A whole trading day (24 ten-minute chunks, 25 million ticks, 5,200 symbols) through the engine,
/// repeated: a quick figure without BenchmarkDotNet's many launches.
/// </summary>
public sealed class SynthDayCommand : IBenchmarkCommand
{
    public string Name => "synth-day";

    public string Description => "bar engine: one full-market day per run; args: [runs=3] [forming=true]";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var forming = args.Length <= 1 || bool.Parse(args[1]);
        var replay = new MarketReplay();
        var sink = new CountingSink();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = forming }, new RollupAggregator(sink));
        replay.Register(engine);
        var chunk = 0;
        for (; chunk < MarketReplay.ChunksPerDay; chunk++)
        {
            replay.Play(engine, chunk);
        }

        var ticksPerSecond = new List<double>();
        for (var run = 0; run < runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < MarketReplay.ChunksPerDay; k++)
            {
                replay.Play(engine, chunk++);
            }

            clock.Stop();
            const double ticks = (double)MarketReplay.TicksPerChunk * MarketReplay.ChunksPerDay;
            var bytesPerTick = (GC.GetAllocatedBytesForCurrentThread() - allocated) / ticks;
            ticksPerSecond.Add(ticks / clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: {ticks / clock.Elapsed.TotalSeconds / 1e6:F2} M ticks/s, {bytesPerTick:F4} B/tick allocated, {clock.Elapsed.TotalSeconds:F2} s"));
        }

        ticksPerSecond.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {ticksPerSecond[ticksPerSecond.Count / 2] / 1e6:F2} M ticks/s (forming={forming}); bars: {sink.Final} final, {sink.Forming} forming"));
        return Task.CompletedTask;
    }
}
