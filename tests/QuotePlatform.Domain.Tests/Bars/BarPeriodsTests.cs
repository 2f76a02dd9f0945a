using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Domain.Tests.Bars;

public sealed class BarPeriodsTests
{
    [Theory]
    [InlineData("1m", BarPeriod.OneMinute, 1)]
    [InlineData("5m", BarPeriod.FiveMinutes, 5)]
    [InlineData("15m", BarPeriod.FifteenMinutes, 15)]
    [InlineData("30m", BarPeriod.ThirtyMinutes, 30)]
    [InlineData("60m", BarPeriod.SixtyMinutes, 60)]
    [InlineData("1d", BarPeriod.OneDay, 0)]
    public void TryParse_Label_RoundTripsWithLengthInMinutes(string label, BarPeriod expected, int minutes)
    {
        Assert.True(BarPeriods.TryParse(label, out var period));
        Assert.Equal(expected, period);
        Assert.Equal(label, period.ToLabel());
        Assert.Equal(minutes, period.Minutes());
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("1M")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Unknown_False(string? label)
    {
        Assert.False(BarPeriods.TryParse(label, out _));
    }

    [Fact]
    public void Values_MirrorProtobufPeriodAndQualityNumbers()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], BarPeriods.All.Select(p => (int)p));
        Assert.Equal([1u, 2u, 4u, 8u], new[] { BarQuality.Partial, BarQuality.Flat, BarQuality.LateVolume, BarQuality.Auction }.Select(q => (uint)q));
    }
}
