using BenchmarkDotNet.Attributes;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;

namespace QuotePlatform.Benchmarks.Synthesis;

/// <summary>
/// Ticks through the bar engine with roll-ups, 5,200 symbols, one thread. One operation = one tick,
/// so Mean is ns per tick (ticks/s = 1e9 / Mean) and Allocated is bytes per tick in steady state
/// (every symbol and roll-up window already seen in the setup).
/// Run: dotnet run -c Release --project tests/QuotePlatform.Benchmarks -- bdn --filter '*BarSynthesis*'
/// </summary>
// In-process: a single-threaded loop measures the same, and building BenchmarkDotNet's child project
// timed out (2 min) on the shared 2-core machine.
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
[MemoryDiagnoser]
[MedianColumn]
public class BarSynthesisBenchmark
{
    private MarketReplay _replay = null!;
    private BarSynthesizer _engine = null!;
    private int _chunk;

    /// <summary>Live emits a forming update per contributing tick; offline does not.</summary>
    [Params(true, false)]
    public bool EmitForming { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _replay = new MarketReplay();
        _engine = new BarSynthesizer(new SynthesisOptions { EmitForming = EmitForming }, new RollupAggregator(new CountingSink()));
        _replay.Register(_engine);
        for (_chunk = 0; _chunk < 3; _chunk++)
        {
            _replay.Play(_engine, _chunk);
        }
    }

    [Benchmark(OperationsPerInvoke = MarketReplay.TicksPerChunk)]
    public void Tick() => _replay.Play(_engine, _chunk++);
}
