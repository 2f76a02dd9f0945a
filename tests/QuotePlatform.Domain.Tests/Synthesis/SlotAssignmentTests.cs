using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class SlotAssignmentTests
{
    [Theory]
    [InlineData("09:24:59", 0, null)]
    [InlineData("09:25:00", 0, "09:31")]
    [InlineData("09:29:59", 0, "09:31")]
    [InlineData("09:30:59.999", 0, "09:31")]
    [InlineData("09:31:00", 0, "09:32")]
    [InlineData("10:00:00", 0, "10:01")]
    [InlineData("11:29:59", 0, "11:30")]
    [InlineData("11:30:00", 0, "11:30")]
    [InlineData("12:59:59", 0, "11:30")]
    [InlineData("13:00:00", 0, "13:01")]
    [InlineData("14:59:59", 0, "15:00")]
    [InlineData("15:00:00", 0, "15:00")]
    [InlineData("15:04:59", 0, "15:00")]
    [InlineData("15:05:00", 0, null)]
    [InlineData("15:20:00", 0, null)]
    [InlineData("09:25:00", 1, "09:30")]
    [InlineData("09:29:59", 1, "09:30")]
    [InlineData("09:30:00", 1, "09:31")]
    public void OnTick_TradeAtTime_FormsBarOfVendorLabel(string time, int layout, string? expectedFrame)
    {
        // A long grace keeps the clock from closing bars: this is about where a trade belongs.
        var feed = new Feed(new SynthesisOptions { AuctionBar = (AuctionBar)layout, Grace = TimeSpan.FromHours(3) });
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick(time, 10.1, 50));

        var forming = feed.Sink.Forming.ToList();

        if (expectedFrame is null)
        {
            Assert.Empty(forming);
        }
        else
        {
            var bar = Assert.Single(forming);
            Assert.Equal(expectedFrame, Day.Label(bar.FrameUnixMs));
            Assert.Equal(5_000, bar.VolumeShares);
        }
    }

    [Fact]
    public void Flush_SeparateAuctionBar_AuctionTradeIn0930BarFlaggedAuction()
    {
        var feed = new Feed(AuctionBar.Separate);
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("09:25:03", 10.2, 300), Day.Tick("09:30:10", 10.3, 350));
        feed.Flush();

        var auction = feed.Final1m("600000.SH", "09:30");
        var first = feed.Final1m("600000.SH", "09:31");
        Assert.Equal((10.2, 30_000L, BarQuality.Auction), (auction.Close, auction.VolumeShares, auction.Quality));
        Assert.Equal((10.3, 5_000L), (first.Close, first.VolumeShares));
    }

    [Fact]
    public void OnTick_LunchTradeAfterMorningBarClosed_LateIntoFirstAfternoonBar()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("11:29:50", 10.0, 100), Day.Tick("11:30:02", 10.1, 120));

        var verdict = feed.Send("600000.SH", Day.Tick("12:00:00", 10.2, 125));
        feed.Flush();

        Assert.Equal(Ticks.TickVerdict.AcceptedLate, verdict);
        Assert.Equal(12_000, feed.Final1m("600000.SH", "11:30").VolumeShares);
        Assert.Equal(500, feed.Final1m("600000.SH", "13:01").VolumeShares);
    }
}
