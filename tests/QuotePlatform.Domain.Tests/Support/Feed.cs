using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Tests.Support;

/// <summary>Runs ticks through the engine the way the offline command does: watermark = latest tick time.</summary>
internal sealed class Feed
{
    private long _watermark = long.MinValue;

    public Feed(SynthesisOptions? options = null, bool rollups = false)
    {
        Engine = new BarSynthesizer(options ?? new SynthesisOptions(), rollups ? new RollupAggregator(Sink) : Sink);
    }

    public Feed(AuctionBar layout)
        : this(new SynthesisOptions { AuctionBar = layout })
    {
    }

    public RecordingSink Sink { get; } = new();

    public BarSynthesizer Engine { get; }

    public TickVerdict Send(string symbol, MarketTick tick)
    {
        _watermark = Math.Max(_watermark, tick.TimeUnixMs);
        Engine.AdvanceWatermark(_watermark);
        return Engine.OnTick(symbol, tick);
    }

    public Feed SendAll(string symbol, params MarketTick[] ticks)
    {
        foreach (var tick in ticks)
        {
            Send(symbol, tick);
        }

        return this;
    }

    public RecordingSink Flush()
    {
        Engine.Flush();
        return Sink;
    }

    public Bar Final1m(string symbol, string frame) =>
        Sink.Finals().Single(b => b.Symbol == symbol && b.FrameUnixMs == Day.Frame(frame));
}
