using System.Globalization;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Coverage;

/// <summary>The dates a request names (YYYY-MM-DD, Beijing, inclusive, at most 366 days) and its trading days by a calendar.</summary>
internal static class TradingDays
{
    public const int MaxCalendarDays = 366;

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>INVALID_ARGUMENT naming the field for a malformed date, a reversed range or one over <see cref="MaxCalendarDays"/>.</summary>
    public static (DateOnly From, DateOnly To) ParseRange(string fromDate, string toDate)
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

        return (from, to);
    }

    /// <summary>The trading days of [from, to] by the calendar, as BeijingTime day numbers, ascending.</summary>
    public static List<long> Of(TradingDayCalendar calendar, DateOnly from, DateOnly to) =>
        [.. calendar.TradingDays(from, to).Select(date => (long)(date.DayNumber - CoverageCalculator.EpochDayNumber))];

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly Date(string field, string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw RequestErrors.Invalid($"{field} '{text}' is not a date like 2025-06-06 (YYYY-MM-DD, Beijing)");
}
