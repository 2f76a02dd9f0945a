using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

/// <summary>Indices, ETFs and convertible bonds make bars by the same end-labelled minutes as shares; only the volume unit differs.</summary>
public sealed class InstrumentTypeBarTests
{
    [Theory]
    [InlineData("600000.SH", 10.01, 10.05, 100)]
    [InlineData("000300.SH", 3901.23, 3905.67, 100)]
    [InlineData("399006.SZ", 2150.11, 2149.87, 100)]
    [InlineData("510300.SH", 3.951, 3.957, 100)]
    [InlineData("159915.SZ", 2.201, 2.199, 100)]
    [InlineData("113052.SH", 110.801, 110.853, 10)]
    [InlineData("127045.SZ", 131.205, 131.199, 10)]
    public void Flush_EachType_EndLabelledMinutesWithVolumeInItsUnits(string symbol, double first, double second, int unitsPerLot)
    {
        var feed = new Feed();
        feed.SendAll(symbol,
            Day.Tick("09:15:00", 0, 0),
            Day.Tick("09:25:00", first, 50, amount: 50_000, high: first, low: first),
            Day.Tick("09:30:03", first, 80, amount: 80_000, high: first, low: first),
            Day.Tick("09:30:59", second, 120, amount: 120_000, high: Math.Max(first, second), low: Math.Min(first, second)),
            Day.Tick("14:58:30", second, 150, amount: 150_000, high: Math.Max(first, second), low: Math.Min(first, second)),
            Day.Tick("15:00:02", first, 170, amount: 170_000, high: Math.Max(first, second), low: Math.Min(first, second)));
        feed.Flush();

        // The 09:25 auction and the first minute's trades end up in the bar labelled 09:31.
        var opening = feed.Final1m(symbol, "09:31");
        Assert.Equal((first, second), (opening.Open, opening.Close));
        Assert.Equal(120L * unitsPerLot, opening.VolumeShares);
        Assert.Equal(120_000, opening.AmountCny, 6);

        // A trade at 14:58:30 falls in the 14:59 bar; the closing match reported after 15:00 in the 15:00 bar.
        Assert.Equal(30L * unitsPerLot, feed.Final1m(symbol, "14:59").VolumeShares);
        Assert.Equal(20L * unitsPerLot, feed.Final1m(symbol, "15:00").VolumeShares);
        Assert.Equal(240, feed.Sink.Finals().Count(b => b.Symbol == symbol));
    }
}
