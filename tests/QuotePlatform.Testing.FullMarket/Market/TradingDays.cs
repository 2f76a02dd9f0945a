using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Testing.FullMarket.Market;

public static class TradingDays
{
    /// <summary>The latest weekday in Beijing (day number), so stored 1m bars are inside their 30-day retention.</summary>
    public static long LatestWeekday(TimeProvider clock)
    {
        var day = BeijingTime.DayNumber(clock.GetUtcNow().ToUnixTimeMilliseconds());
        while (!BeijingTime.IsWeekday(day))
        {
            day--;
        }

        return day;
    }

    public static string Format(long dayNumber) =>
        BeijingTime.ToDateTimeOffset(BeijingTime.DayStartUnixMs(dayNumber)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
