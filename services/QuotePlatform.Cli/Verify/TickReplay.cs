using QuotePlatform.ContractMapping;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Storage.Ticks;

namespace QuotePlatform.Cli.Verify;

/// <summary>
/// One symbol's archived ticks through the bar engine as the ingest ran it: before each tick the
/// engine's clock moves to the clock archived with it (the data's watermark or the ingest's wall
/// clock), so a tick that came after its bar closed goes into the next bar again. A symbol's bars
/// depend on no other symbol's ticks but through that clock, so each symbol replays on its own.
/// </summary>
internal sealed class TickReplay(AuctionBar auctionBar, TimeSpan grace) : IBarSink
{
    private readonly List<Bar> _bars = [];

    /// <summary>The final bars of every period the ticks (in time order) make.</summary>
    public IReadOnlyList<Bar> Run(IEnumerable<TickRow> ticks)
    {
        _bars.Clear();
        var engine = new BarSynthesizer(
            new SynthesisOptions { AuctionBar = auctionBar, Grace = grace, EmitForming = false },
            new RollupAggregator(this, BarPeriods.All));
        var watermark = long.MinValue;
        foreach (var tick in ticks)
        {
            var handle = engine.GetHandle(tick.Symbol);
            var clock = Math.Max(tick.TimeUnixMs, tick.ClockUnixMs);
            if (handle >= 0 && clock > watermark)
            {
                watermark = clock;
                engine.AdvanceWatermark(watermark);
            }

            engine.OnTick(handle, tick.ToMarketTick());
        }

        engine.Flush();
        // As stored: the amount rounded to the fen (BarContracts.ToContract).
        return [.. _bars.Select(bar => bar.ToContract().ToDomain())];
    }

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            _bars.Add(bar);
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
