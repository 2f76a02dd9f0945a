using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Domain.Tests.Sessions;

public sealed class TradingSessionTests
{
    // Friday 2025-06-06 00:00 Beijing.
    private const long Friday = 1_749_139_200_000;

    [Theory]
    [InlineData(1, "09:30", true)]
    [InlineData(1, "09:31", true)]
    [InlineData(1, "11:30", true)]
    [InlineData(1, "11:31", false)]
    [InlineData(1, "13:00", false)]
    [InlineData(1, "13:01", true)]
    [InlineData(1, "15:00", true)]
    [InlineData(1, "15:01", false)]
    [InlineData(1, "09:29", false)]
    [InlineData(2, "09:30", false)]
    [InlineData(2, "09:35", true)]
    [InlineData(2, "09:36", false)]
    [InlineData(2, "13:05", true)]
    [InlineData(3, "09:45", true)]
    [InlineData(3, "13:15", true)]
    [InlineData(3, "10:05", false)]
    [InlineData(4, "10:00", true)]
    [InlineData(4, "13:30", true)]
    [InlineData(4, "09:45", false)]
    [InlineData(5, "10:30", true)]
    [InlineData(5, "11:30", true)]
    [InlineData(5, "14:00", true)]
    [InlineData(5, "15:00", true)]
    [InlineData(5, "10:00", false)]
    [InlineData(5, "13:30", false)]
    [InlineData(6, "00:00", true)]
    [InlineData(6, "15:00", false)]
    [InlineData(0, "09:31", false)]
    public void IsBarEnd_BeijingTime_MatchesVendorLabels(int period, string time, bool expected)
    {
        var parts = time.Split(':');
        var frame = Friday + BeijingTime.At(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, TradingSession.IsBarEnd((BarPeriod)period, frame));
    }

    [Fact]
    public void IsBarEnd_SecondsPastTheMinute_False()
    {
        Assert.False(TradingSession.IsBarEnd(BarPeriod.OneMinute, Friday + BeijingTime.At(9, 31, 1)));
        Assert.False(TradingSession.IsBarEnd(BarPeriod.OneMinute, Friday + BeijingTime.At(9, 31) + 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void IsBarEnd_Weekend_False(int daysAfterFriday)
    {
        var frame = Friday + (daysAfterFriday * BeijingTime.MillisecondsPerDay);

        Assert.False(TradingSession.IsBarEnd(BarPeriod.OneMinute, frame + BeijingTime.At(9, 31)));
        Assert.False(TradingSession.IsBarEnd(BarPeriod.OneDay, frame));
    }

    [Theory]
    [InlineData(1, 241)]
    [InlineData(2, 48)]
    [InlineData(3, 16)]
    [InlineData(4, 8)]
    [InlineData(5, 4)]
    public void IsBarEnd_EveryMinuteOfDay_CountsVendorBarsPerDay(int period, int expected)
    {
        var count = Enumerable.Range(0, 24 * 60).Count(minute => TradingSession.IsBarEnd((BarPeriod)period, Friday + (minute * BeijingTime.MillisecondsPerMinute)));

        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData(9, 24, 59, 0, -1, -1)]
    [InlineData(9, 25, 0, 0, 1, 0)]
    [InlineData(9, 29, 59, 0, 1, 0)]
    [InlineData(9, 30, 0, 0, 1, 1)]
    [InlineData(9, 30, 59, 999, 1, 1)]
    [InlineData(9, 31, 0, 0, 2, 2)]
    [InlineData(10, 0, 0, 0, 31, 31)]
    [InlineData(11, 29, 59, 0, 120, 120)]
    [InlineData(11, 30, 0, 0, 120, 120)]
    [InlineData(12, 59, 59, 0, 120, 120)]
    [InlineData(13, 0, 0, 0, 121, 121)]
    [InlineData(14, 59, 59, 0, 240, 240)]
    [InlineData(15, 0, 0, 0, 240, 240)]
    [InlineData(15, 4, 59, 0, 240, 240)]
    [InlineData(15, 5, 0, 0, -1, -1)]
    public void SlotOfTrade_TimeOfDay_FollowsVendorConvention(int hour, int minute, int second, int millisecond, int mergedSlot, int separateSlot)
    {
        var time = BeijingTime.At(hour, minute, second) + millisecond;

        Assert.Equal(mergedSlot, TradingSession.SlotOfTrade(time, AuctionBar.Merged));
        Assert.Equal(separateSlot, TradingSession.SlotOfTrade(time, AuctionBar.Separate));
    }

    [Theory]
    [InlineData(0, 2, 5)]
    [InlineData(1, 2, 5)]
    [InlineData(5, 2, 5)]
    [InlineData(6, 2, 10)]
    [InlineData(120, 4, 120)]
    [InlineData(121, 4, 150)]
    [InlineData(121, 5, 180)]
    [InlineData(1, 6, 240)]
    public void WindowEndSlot_Slot_IsLastConstituent(int slot, int period, int expected)
    {
        Assert.Equal(expected, TradingSession.WindowEndSlot(slot, (BarPeriod)period));
    }

    [Fact]
    public void Format_SlotEnd_IsIsoWithBeijingOffset()
    {
        Assert.Equal("2025-06-06T09:31:00+08:00", BeijingTime.Format(TradingSession.SlotEndUnixMs(BeijingTime.DayNumber(Friday), 1)));
    }
}
