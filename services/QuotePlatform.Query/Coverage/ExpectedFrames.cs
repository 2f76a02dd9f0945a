using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Query.Coverage;

/// <summary>The bar ends the trading sessions call for on one day, oldest first.</summary>
internal static class ExpectedFrames
{
    public static List<long> OfDay(long dayNumber, BarPeriod period, AuctionBar layout)
    {
        if (period == BarPeriod.OneDay)
        {
            return [BeijingTime.DayStartUnixMs(dayNumber)];
        }

        var minutes = period.Minutes();
        var frames = new List<long>(TradingSession.SlotsPerDay);
        if (period == BarPeriod.OneMinute && layout == AuctionBar.Separate)
        {
            frames.Add(TradingSession.SlotEndUnixMs(dayNumber, TradingSession.AuctionSlot));
        }

        for (var slot = minutes; slot <= TradingSession.LastSlot; slot += minutes)
        {
            frames.Add(TradingSession.SlotEndUnixMs(dayNumber, slot));
        }

        return frames;
    }
}
