using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class FlatBarTests
{
    [Fact]
    public void Flush_MinutesWithoutTrades_FlatAtPreviousClose()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:20:00", 0, 0),
            Day.Tick("09:31:10", 10.2, 100),
            Day.Tick("09:33:10", 10.4, 130));
        feed.Flush();

        var flat = feed.Final1m("600000.SH", "09:33");
        Assert.Equal((10.2, 10.2, 10.2, 10.2, 0L, 0.0), (flat.Open, flat.High, flat.Low, flat.Close, flat.VolumeShares, flat.AmountCny));
        Assert.Equal(BarQuality.Flat, flat.Quality);
        Assert.Equal(10.4, feed.Final1m("600000.SH", "09:34").Close);
        Assert.Equal(10.4, feed.Final1m("600000.SH", "15:00").Close);
    }

    [Fact]
    public void Flush_BeforeFirstTrade_FlatAtLastClose()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:20:00", 0, 0, lastClose: 9.87),
            Day.Tick("09:35:10", 10.0, 100));
        feed.Flush();

        Assert.Equal(9.87, feed.Final1m("600000.SH", "09:31").Close);
        Assert.Equal(9.87, feed.Final1m("600000.SH", "09:35").Close);
        Assert.Equal(10.0, feed.Final1m("600000.SH", "09:36").Close);
    }

    [Theory]
    [InlineData(AuctionBar.Merged, 240)]
    [InlineData(AuctionBar.Separate, 241)]
    public void Flush_SymbolSeenBeforeOpenNeverTrading_GetsEverySessionBar(AuctionBar layout, int expected)
    {
        var feed = new Feed(layout);
        feed.Send("600000.SH", Day.Tick("09:15:00", 0, 0));
        feed.Flush();

        var bars = feed.Sink.Finals().ToList();
        Assert.Equal(expected, bars.Count);
        Assert.All(bars, b => Assert.Equal(10.0, b.Close));
        Assert.Equal(expected, bars.Select(b => b.FrameUnixMs).Distinct().Count());
    }

    [Fact]
    public void Flush_SymbolFirstSeenAt0930Exactly_IsFullSession()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH", Day.Tick("09:30:00", 10.1, 800), Day.Tick("09:30:30", 10.2, 900));
        feed.Flush();

        var first = feed.Final1m("600000.SH", "09:31");
        Assert.Equal(90_000, first.VolumeShares);
        Assert.Equal(BarQuality.None, first.Quality);
        Assert.Equal(240, feed.Sink.Finals().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(20)]
    public void Flush_SuspendedStatus_NoFlatBars(int status)
    {
        var feed = new Feed();
        feed.Send("600001.SH", Day.Tick("09:15:00", 0, 0, status: status));
        feed.Send("600002.SH", Day.Tick("09:15:00", 0, 0, status: 0));
        feed.Flush();

        Assert.DoesNotContain(feed.Sink.Bars, b => b.Symbol == "600001.SH");
        Assert.Equal(240, feed.Sink.Finals().Count(b => b.Symbol == "600002.SH"));
    }

    [Fact]
    public void Flush_SuspendedThenResumes_FlatBarsOnlyAfterResumption()
    {
        var feed = new Feed();
        feed.SendAll("600001.SH",
            Day.Tick("09:15:00", 0, 0, status: 1),
            Day.Tick("13:00:30", 10.5, 100, status: 0));
        feed.Flush();

        var bars = feed.Sink.Finals().ToList();
        Assert.Equal(120, bars.Count);
        Assert.Equal("13:01", Day.Label(bars[0].FrameUnixMs));
        Assert.Equal(10_000, bars[0].VolumeShares);
    }

    [Fact]
    public void Flush_NoReferencePrice_NoFlatBars()
    {
        var feed = new Feed();
        feed.Send("301999.SZ", Day.Tick("09:15:00", 0, 0, lastClose: 0));
        feed.Flush();

        Assert.Empty(feed.Sink.Bars);
    }
}
