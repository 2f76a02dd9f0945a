using QuotePlatform.Benchmarks.FullMarket.Ingest;
using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using ContractBar = QuotePlatform.Contracts.MarketData.V1.Bar;

namespace QuotePlatform.Benchmarks.FullMarket.Verification;

/// <summary>
/// The bar engine run offline over the same generated day (watermark at each tick's time, then
/// flushed): every final bar of every period that must end up stored, mapped as the ingest maps it.
/// </summary>
public sealed class ExpectedBars : IBarSink
{
    private readonly Dictionary<BarKey, ContractBar> _bars = [];

    private ExpectedBars()
    {
    }

    public IReadOnlyDictionary<BarKey, ContractBar> Bars => _bars;

    public long Ticks { get; private set; }

    /// <summary>Replays the day up to (not including) push number <paramref name="pushes"/>, or all of it, and closes it.</summary>
    public static ExpectedBars Compute(Func<MarketDay> createDay, int pushes = int.MaxValue, bool flush = true)
    {
        var expected = new ExpectedBars();
        var day = createDay();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, new RollupAggregator(expected));
        var handles = day.Symbols.Select(s => engine.GetHandle(s)).ToArray();
        for (var n = 0; n < pushes && day.Next() is { } push; n++)
        {
            for (var i = 0; i < push.Count; i++)
            {
                engine.AdvanceWatermark(push.Ticks[i].TimeUnixMs);
                engine.OnTick(handles[push.SymbolIndexes[i]], push.Ticks[i]);
            }

            expected.Ticks += push.Count;
        }

        if (flush)
        {
            engine.Flush();
        }

        return expected;
    }

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            _bars[new BarKey(bar.Symbol, (int)bar.Period, bar.FrameUnixMs)] = Wire.ToContract(bar);
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
