using QuotePlatform.Domain.Tests.Support;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class TickAcceptanceTests
{
    public static TheoryData<string, double, long, TickVerdict> Second =>
        new()
        {
            { "09:31:10", 10.2, 120, TickVerdict.Accepted },
            { "09:31:05", 10.2, 120, TickVerdict.RejectedDuplicate },
            { "09:31:04", 10.2, 120, TickVerdict.RejectedOlder },
            { "09:31:10", 10.2, 99, TickVerdict.RejectedVolumeBackwards },
            { "09:31:10", double.NaN, 120, TickVerdict.RejectedBadPrice },
            { "09:31:10", double.PositiveInfinity, 120, TickVerdict.RejectedBadPrice },
            { "09:31:10", -1.0, 100, TickVerdict.RejectedBadPrice },
            { "09:31:10", 0.0, 120, TickVerdict.RejectedBadPrice },
            { "09:31:10", 0.0, 100, TickVerdict.Accepted },
        };

    [Theory]
    [MemberData(nameof(Second))]
    public void OnTick_AfterAcceptedTick_VerdictAndCounters(string time, double price, long volume, TickVerdict expected)
    {
        var feed = new Feed();
        feed.Send("600000.SH", Day.Tick("09:31:05", 10.0, 100));
        var formingBefore = feed.Sink.Bars.Count;

        var verdict = feed.Send("600000.SH", Day.Tick(time, price, volume));

        Assert.Equal(expected, verdict);
        Assert.Equal(1, feed.Engine.Count(expected) - (expected == TickVerdict.Accepted ? 1 : 0));
        if (!expected.IsAccepted())
        {
            Assert.Equal(formingBefore, feed.Sink.Bars.Count);
        }
    }

    [Theory]
    [InlineData("60000.SH")]
    [InlineData("600000.XX")]
    [InlineData("AAPL")]
    public void OnTick_BadSymbol_RejectedAndCounted(string symbol)
    {
        var feed = new Feed();

        var verdict = feed.Send(symbol, Day.Tick("09:31:05", 10.0, 100));

        Assert.Equal(TickVerdict.RejectedBadSymbol, verdict);
        Assert.Equal(1, feed.Engine.Count(TickVerdict.RejectedBadSymbol));
        Assert.Equal(0, feed.Engine.SymbolCount);
    }

    [Fact]
    public void OnTick_RejectedTick_DoesNotMoveTheBaseline()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH",
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:31:05", 10.0, 100),
            Day.Tick("09:31:10", double.NaN, 500),
            Day.Tick("09:31:20", 10.1, 150));
        feed.Flush();

        Assert.Equal(15_000, feed.Final1m("600000.SH", "09:32").VolumeShares);
    }
}
