using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;
using ContractBar = QuotePlatform.Contracts.MarketData.V1.Bar;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Testing.FullMarket.Verification;

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

    /// <summary>Ticks the engine accepted, per symbol: each must end up in the tick archive once.</summary>
    public IReadOnlyDictionary<string, TickTally> AcceptedTicks { get; private set; } = new Dictionary<string, TickTally>();

    /// <summary>
    /// Replays the first <paramref name="pushes"/> pushes (or the whole day, then closes it). A live
    /// run that stopped early passes the watermark its clock had reached, so the same minutes close;
    /// a replayed file that ends early is flushed (<paramref name="flush"/>), as the ingest closes the day at its end.
    /// </summary>
    public static ExpectedBars Compute(Func<MarketDay> createDay, int pushes = int.MaxValue, long? finalWatermarkUnixMs = null, bool flush = false)
    {
        var expected = new ExpectedBars();
        var day = createDay();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, new RollupAggregator(expected));
        var handles = day.Symbols.Select(s => engine.GetHandle(s)).ToArray();
        var tallies = new TickTally[handles.Length];
        for (var n = 0; n < pushes && day.Next() is { } push; n++)
        {
            for (var i = 0; i < push.Count; i++)
            {
                engine.AdvanceWatermark(push.Ticks[i].TimeUnixMs);
                if (engine.OnTick(handles[push.SymbolIndexes[i]], push.Ticks[i]).IsAccepted())
                {
                    tallies[push.SymbolIndexes[i]] = tallies[push.SymbolIndexes[i]].Add(push.Ticks[i].TimeUnixMs);
                }
            }

            expected.Ticks += push.Count;
        }

        expected.AcceptedTicks = day.Symbols.Select((symbol, i) => (symbol, tallies[i])).Where(t => t.Item2.Count > 0)
            .ToDictionary(t => t.symbol, t => t.Item2, StringComparer.Ordinal);
        if (finalWatermarkUnixMs is { } watermark)
        {
            engine.AdvanceWatermark(watermark);
        }
        else if (flush || pushes == int.MaxValue)
        {
            engine.Flush();
        }

        return expected;
    }

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            _bars[new BarKey(bar.Symbol, (int)bar.Period, bar.FrameUnixMs)] = bar.ToContract();
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
