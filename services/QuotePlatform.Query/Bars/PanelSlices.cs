using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Query.Bars;

/// <summary>
/// Splits a panel's range into slices of about one whole-market trading day of bars each (a day of
/// 1m bars, five days of 5m, ... 240 days of 1d), cut at Beijing midnight. Each slice is one
/// statement, so what the query service and ClickHouse hold at once stays bounded by a slice
/// however long the range is.
/// </summary>
internal static class PanelSlices
{
    private const int MinuteBarsPerDay = 240;

    public static IEnumerable<(long FromUnixMs, long ToUnixMs)> Of(BarRange range)
    {
        var days = range.Period == BarPeriod.OneDay ? MinuteBarsPerDay : range.Period.Minutes();
        var from = range.FromUnixMs;
        while (from < range.ToUnixMs)
        {
            var to = Math.Min(range.ToUnixMs, BeijingTime.DayStartUnixMs(BeijingTime.DayNumber(from) + days));
            yield return (from, to);
            from = to;
        }
    }
}
