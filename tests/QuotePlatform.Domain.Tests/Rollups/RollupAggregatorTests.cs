using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Rollups;

public sealed class RollupAggregatorTests
{
    [Theory]
    [InlineData(BarPeriod.FiveMinutes, 48, "09:35", "11:30", "13:05", "15:00")]
    [InlineData(BarPeriod.FifteenMinutes, 16, "09:45", "11:30", "13:15", "15:00")]
    [InlineData(BarPeriod.ThirtyMinutes, 8, "10:00", "11:30", "13:30", "15:00")]
    [InlineData(BarPeriod.SixtyMinutes, 4, "10:30", "11:30", "14:00", "15:00")]
    public void OnBar_FullSession_WindowsLabelledAtTheirEnd(BarPeriod period, int count, string first, string lastMorning, string firstAfternoon, string last)
    {
        var feed = new Feed(rollups: true);
        feed.Send("600000.SH", Day.Tick("09:15:00", 0, 0));
        feed.Flush();

        var labels = feed.Sink.Finals(period).Select(b => Day.Label(b.FrameUnixMs)).ToList();
        Assert.Equal(count, labels.Count);
        Assert.Equal(first, labels[0]);
        Assert.Equal(lastMorning, labels[(count / 2) - 1]);
        Assert.Equal(firstAfternoon, labels[count / 2]);
        Assert.Equal(last, labels[^1]);
    }

    [Fact]
    public void OnBar_FiveMinutes_OhlcFromTradedConstituentsCloseLastVolumeSummed()
    {
        var feed = new Feed(rollups: true);
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:36:10", 10.0, 100, amount: 100_000),
            Day.Tick("09:36:20", 10.4, 110, amount: 110_400),
            Day.Tick("09:38:10", 9.9, 130, amount: 130_200));
        feed.Flush();

        var bar = feed.Sink.Finals(BarPeriod.FiveMinutes).Single(b => Day.Label(b.FrameUnixMs) == "09:40");
        Assert.Equal((10.0, 10.4, 9.9, 9.9), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal((13_000L, 130_200.0), (bar.VolumeShares, bar.AmountCny));
        Assert.Equal(BarQuality.None, bar.Quality);
    }

    [Fact]
    public void OnBar_AllConstituentsFlat_FlatWindow()
    {
        var feed = new Feed(rollups: true);
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0, lastClose: 8.5));
        feed.Flush();

        var bar = feed.Sink.Finals(BarPeriod.ThirtyMinutes).First();
        Assert.Equal((8.5, 8.5, 8.5, 8.5, 0L), (bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares));
        Assert.Equal(BarQuality.Flat, bar.Quality);
    }

    [Fact]
    public void OnBar_SeparateAuctionBar_JoinsFirstWindow()
    {
        var feed = new Feed(new SynthesisOptions { AuctionBar = AuctionBar.Separate }, rollups: true);
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:25:02", 10.0, 500),
            Day.Tick("09:31:30", 10.2, 600));
        feed.Flush();

        var first = feed.Sink.Finals(BarPeriod.FiveMinutes).First();
        Assert.Equal("09:35", Day.Label(first.FrameUnixMs));
        Assert.Equal((10.0, 10.2, 60_000L), (first.Open, first.Close, first.VolumeShares));
        Assert.Equal(48, feed.Sink.Finals(BarPeriod.FiveMinutes).Count());
    }

    [Fact]
    public void OnBar_Day_FrameIsTradingDateMidnightBeijing()
    {
        var feed = new Feed(rollups: true);
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("10:00:00", 10.3, 100), Day.Tick("14:00:00", 10.1, 300));
        feed.Flush();

        var day = Assert.Single(feed.Sink.Finals(BarPeriod.OneDay));
        Assert.Equal(Day.Start, day.FrameUnixMs);
        Assert.Equal("2025-06-06T00:00:00+08:00", BeijingTime.Format(day.FrameUnixMs));
        Assert.Equal((10.3, 10.3, 10.1, 10.1, 30_000L), (day.Open, day.High, day.Low, day.Close, day.VolumeShares));
    }

    [Fact]
    public void OnDayClosed_SymbolSuspendedBeforeWindowEnd_WindowEmittedWithWhatItHas()
    {
        var feed = new Feed(rollups: true);
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("14:58:10", 10.0, 100),
            Day.Tick("14:58:20", 10.0, 100, status: 20));
        feed.Flush();

        var sixty = feed.Sink.Finals(BarPeriod.SixtyMinutes).Last();
        Assert.Equal("15:00", Day.Label(sixty.FrameUnixMs));
        Assert.Equal(10_000, sixty.VolumeShares);
        Assert.Single(feed.Sink.Finals(BarPeriod.OneDay));
    }

    [Fact]
    public void OnBar_FormingAndFinalMinutes_PassedThrough()
    {
        var sink = new RecordingSink();
        var aggregator = new RollupAggregator(sink, [BarPeriod.FiveMinutes]);
        var minute = new Bar("600000.SH", BarPeriod.OneMinute, Day.Frame("09:31"), 1, 1, 1, 1, 100, 100, Final: false, BarQuality.None);

        aggregator.OnBar(minute);
        aggregator.OnBar(minute with { Final = true });

        Assert.Equal(2, sink.Bars.Count);
    }
}
