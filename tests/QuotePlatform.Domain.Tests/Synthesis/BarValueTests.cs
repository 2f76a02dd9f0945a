using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class BarValueTests
{
    [Fact]
    public void Flush_TradesInOneMinute_OpenFirstCloseLastExtremesVolumeTimes100AmountGrowth()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("10:00:03", 10.0, 1_000, amount: 1_000_000, high: 10.0, low: 10.0),
            Day.Tick("10:00:06", 10.3, 1_010, amount: 1_010_300, high: 10.3, low: 10.0),
            Day.Tick("10:00:09", 9.8, 1_030, amount: 1_029_900, high: 10.3, low: 9.8),
            Day.Tick("10:00:12", 10.0, 1_030, amount: 1_029_900, high: 10.3, low: 9.8),
            Day.Tick("10:00:15", 10.1, 1_040, amount: 1_040_000, high: 10.3, low: 9.8));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "10:01");
        Assert.Equal((10.0, 10.3, 9.8, 10.1), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(104_000, bar.VolumeShares);
        Assert.Equal(1_040_000, bar.AmountCny, 6);
    }

    [Fact]
    public void Flush_TickWithoutNewVolume_ContributesNoPrice()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("10:00:03", 10.0, 1_000, high: 10.0, low: 10.0),
            Day.Tick("10:00:06", 12.0, 1_000, high: 10.0, low: 10.0));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "10:01");
        Assert.Equal((10.0, 10.0, 10.0, 10.0), (bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Fact]
    public void Flush_DayHighRoseBetweenSnapshots_BarHighWidened()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("10:00:03", 10.0, 1_000, high: 10.2, low: 9.9),
            Day.Tick("10:00:06", 10.1, 1_010, high: 10.5, low: 9.9));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "10:01");
        Assert.Equal((10.0, 10.5, 9.9, 10.1), (bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Fact]
    public void Flush_DayLowFellBetweenSnapshots_BarLowWidened()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:25:00", 10.0, 500, high: 10.0, low: 10.0),
            Day.Tick("10:00:03", 10.0, 1_000, high: 10.2, low: 9.9),
            Day.Tick("10:00:06", 10.1, 1_010, high: 10.2, low: 9.7));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "10:01");
        Assert.Equal((10.0, 10.2, 9.7, 10.1), (bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Fact]
    public void Flush_DayExtremesUnchanged_BarKeepsOwnPrices()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:25:00", 10.0, 500, high: 11.0, low: 9.0),
            Day.Tick("10:00:03", 10.0, 1_000, high: 11.0, low: 9.0),
            Day.Tick("10:00:06", 10.1, 1_010, high: 11.0, low: 9.0));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "10:01");
        Assert.Equal((10.0, 10.1, 10.0, 10.1), (bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Fact]
    public void Flush_PreviousDayHighLowZero_BothTaken()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0, high: 0, low: 0),
            Day.Tick("09:25:03", 10.0, 500, high: 10.0, low: 10.0),
            Day.Tick("09:30:06", 10.1, 520, high: 10.4, low: 9.6));
        feed.Flush();

        var bar = feed.Final1m("600000.SH", "09:31");
        Assert.Equal((10.0, 10.4, 9.6, 10.1), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(52_000, bar.VolumeShares);
    }

    [Fact]
    public void Flush_AuctionTrade_JoinsFirstBar()
    {
        var feed = new Feed();
        feed.SendAll("000001.SZ",
            Day.Tick("09:20:00", 0, 0),
            Day.Tick("09:25:03", 12.0, 2_000, high: 12.0, low: 12.0),
            Day.Tick("09:30:03", 12.1, 2_100, high: 12.1, low: 12.0));
        feed.Flush();

        var bar = feed.Final1m("000001.SZ", "09:31");
        Assert.Equal((12.0, 12.1, 12.0, 12.1, 210_000L), (bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares));
        Assert.DoesNotContain(feed.Sink.Finals(), b => Day.Label(b.FrameUnixMs) == "09:30");
    }

    [Fact]
    public void Flush_ClosingAuction_JoinsThe1500Bar()
    {
        var feed = new Feed(new Domain.Synthesis.SynthesisOptions { Grace = TimeSpan.Zero });
        feed.SendAll("000001.SZ",
            Day.Tick("09:20:00", 0, 0),
            Day.Tick("14:59:30", 12.0, 2_000),
            Day.Tick("15:00:03", 12.2, 2_600),
            Day.Tick("15:04:50", 12.2, 2_650),
            Day.Tick("15:10:00", 12.3, 2_700));
        feed.Flush();

        var bar = feed.Final1m("000001.SZ", "15:00");
        Assert.Equal((12.0, 12.2, 265_000L), (bar.Open, bar.Close, bar.VolumeShares));
        Assert.Equal(265_000, feed.Sink.Finals().Sum(b => b.VolumeShares));
    }
}
