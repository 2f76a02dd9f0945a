using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class LateStartTests
{
    [Fact]
    public void Flush_FirstSeenMidMorning_FirstTickOnlySetsBaselineAndFirstBarPartial()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("10:15:20", 10.5, 50_000, amount: 52_000_000),
            Day.Tick("10:15:40", 10.6, 50_100, amount: 52_106_000));
        feed.Flush();

        var bars = feed.Sink.Finals().ToList();
        var first = bars[0];
        Assert.Equal("10:16", Day.Label(first.FrameUnixMs));
        Assert.Equal(BarQuality.Partial, first.Quality);
        Assert.Equal((10.6, 10_000L), (first.Close, first.VolumeShares));
        Assert.Equal(106_000, first.AmountCny, 6);
        Assert.Equal(195, bars.Count);
        Assert.Equal(10_000, bars.Sum(b => b.VolumeShares));
    }

    [Fact]
    public void Flush_FirstSeenLateWithoutFurtherTrades_PartialFlatAtCurrentPrice()
    {
        var feed = new Feed();
        feed.Send("600000.SH", Day.Tick("14:58:10", 10.5, 50_000, lastClose: 9.0));
        feed.Flush();

        var bars = feed.Sink.Finals().ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal((10.5, BarQuality.Partial | BarQuality.Flat), (bars[0].Close, bars[0].Quality));
        Assert.Equal((10.5, BarQuality.Flat), (bars[1].Close, bars[1].Quality));
    }

    [Fact]
    public void Flush_FirstSeenAfterHours_NoBars()
    {
        var feed = new Feed();
        feed.SendAll("688001.SH", Day.Tick("15:10:00", 10.5, 50_000), Day.Tick("15:20:00", 10.5, 51_000));
        feed.Flush();

        Assert.Empty(feed.Sink.Bars);
    }
}
