using System.Globalization;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Coverage;

/// <summary>Weekdays of an inclusive date range, as BeijingTime day numbers (no holiday calendar exists yet).</summary>
internal static class TradingDays
{
    public const int MaxCalendarDays = 366;

    public static List<long> Parse(string fromDate, string toDate)
    {
        var from = Date("from_date", fromDate);
        var to = Date("to_date", toDate);
        if (to < from)
        {
            throw RequestErrors.Invalid($"to_date {toDate} is before from_date {fromDate}");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxCalendarDays)
        {
            throw RequestErrors.Invalid($"from_date {fromDate} to to_date {toDate} spans more than {MaxCalendarDays} days; ask in pieces");
        }

        var days = new List<long>();
        for (var day = from.DayNumber - CoverageCalculator.EpochDayNumber; day <= to.DayNumber - CoverageCalculator.EpochDayNumber; day++)
        {
            if (BeijingTime.IsWeekday(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    private static DateOnly Date(string field, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw RequestErrors.Invalid($"{field} '{text}' is not a date like 2025-06-06 (YYYY-MM-DD, Beijing)");
}
