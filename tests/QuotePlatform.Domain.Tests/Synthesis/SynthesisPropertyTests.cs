using CsCheck;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Tests.Support;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class SynthesisPropertyTests
{
    private static RecordingSink Run(SymbolScript[] scripts, AuctionBar layout = AuctionBar.Merged) => RunFeed(scripts, layout).Sink;

    private static Feed RunFeed(SymbolScript[] scripts, AuctionBar layout = AuctionBar.Merged)
    {
        var feed = new Feed(new SynthesisOptions { AuctionBar = layout, EmitForming = false }, rollups: true);
        foreach (var (symbol, tick) in RandomDay.Arrivals(scripts))
        {
            feed.Send(symbol, tick);
        }

        feed.Flush();
        return feed;
    }

    [Fact]
    public void Flush_AnyDay_OneMinuteVolumeEqualsLastCumulativeVolumeBefore1505Times100()
    {
        long lateTicks = 0;
        RandomDay.Scripts.Sample(scripts =>
        {
            var feed = RunFeed(scripts);
            var sink = feed.Sink;
            Interlocked.Add(ref lateTicks, feed.Engine.Count(Ticks.TickVerdict.AcceptedLate));

            foreach (var script in scripts.Where(s => s.FullSession))
            {
                var volume = sink.Finals().Where(b => b.Symbol == script.Symbol).Sum(b => b.VolumeShares);
                Assert.Equal(script.LastVolumeBeforeCloseReporting * 100, volume);
            }
        }, iter: 150);

        // The generated days do exercise ticks arriving after their bar closed.
        Assert.True(lateTicks > 0);
    }

    [Theory]
    [InlineData(AuctionBar.Merged, 240)]
    [InlineData(AuctionBar.Separate, 241)]
    public void Flush_AnyDay_EveryTradingSymbolGetsEverySessionBarOnce(AuctionBar layout, int expected)
    {
        RandomDay.Scripts.Sample(scripts =>
        {
            var sink = Run(scripts, layout);

            foreach (var script in scripts.Where(s => s.FullSession))
            {
                var frames = sink.Finals().Where(b => b.Symbol == script.Symbol).Select(b => b.FrameUnixMs).ToList();
                Assert.Equal(script.Suspended ? 0 : expected, frames.Count);
                Assert.Equal(frames.Count, frames.Distinct().Count());
            }
        }, iter: 100);
    }

    [Fact]
    public void Flush_AnyDay_EveryRollupEqualsItsOneMinuteConstituents()
    {
        RandomDay.Scripts.Sample(scripts =>
        {
            var sink = Run(scripts);
            var minutes = sink.Finals().ToLookup(b => b.Symbol);

            foreach (var rollup in sink.Bars.Where(b => b.Period != BarPeriod.OneMinute))
            {
                var parts = minutes[rollup.Symbol].Where(m => WindowFrame(m, rollup.Period) == rollup.FrameUnixMs).ToList();
                Assert.NotEmpty(parts);
                var traded = parts.Where(m => (m.Quality & BarQuality.Flat) == 0).ToList();
                var open = traded.Count > 0 ? traded[0].Open : parts[^1].Close;
                var high = traded.Count > 0 ? traded.Max(m => m.High) : parts[^1].Close;
                var low = traded.Count > 0 ? traded.Min(m => m.Low) : parts[^1].Close;
                Assert.Equal((open, high, low, parts[^1].Close), (rollup.Open, rollup.High, rollup.Low, rollup.Close));
                Assert.Equal(parts.Sum(m => m.VolumeShares), rollup.VolumeShares);
                Assert.Equal(parts.Sum(m => m.AmountCny), rollup.AmountCny, 6);
            }
        }, iter: 100);
    }

    [Fact]
    public void Flush_AnyDay_EveryFinalBarPassesTheValidator()
    {
        RandomDay.Scripts.Sample(scripts =>
        {
            foreach (var bar in Run(scripts).Bars)
            {
                var rejection = BarValidator.Validate(bar.Symbol, bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny);
                Assert.Null(rejection);
            }
        }, iter: 100);
    }

    private static long WindowFrame(Bar minute, BarPeriod period)
    {
        var day = BeijingTime.DayNumber(minute.FrameUnixMs);
        if (period == BarPeriod.OneDay)
        {
            return BeijingTime.DayStartUnixMs(day);
        }

        var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(minute.FrameUnixMs));
        return TradingSession.SlotEndUnixMs(day, TradingSession.WindowEndSlot(slot, period));
    }
}
