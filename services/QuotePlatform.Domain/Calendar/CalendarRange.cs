using System.Globalization;

namespace QuotePlatform.Domain.Calendar;

/// <summary>
/// A calendar as a terminal sends it: an exchange, a covered range of dates and the trading dates in
/// it. Every other date of the range is closed.
/// </summary>
public sealed record CalendarRange(string Market, DateOnly First, DateOnly Last, IReadOnlySet<DateOnly> TradingDates)
{
    public const string BadCalendar = "bad_calendar";

    /// <summary>Ten years at most per message: a calendar is a few hundred dates a year.</summary>
    public const int MaxDays = 3660;

    private const string Format = "yyyy-MM-dd";

    /// <summary>Every date of the range with its verdict, ascending.</summary>
    public IEnumerable<(DateOnly Date, bool Trading)> Days()
    {
        for (var date = First; date <= Last; date = date.AddDays(1))
        {
            yield return (date, TradingDates.Contains(date));
        }
    }

    /// <summary>Parses and checks the wire form; the error says which value is wrong.</summary>
    public static CalendarRange Parse(string market, string first, string last, IEnumerable<string> tradingDates)
    {
        if (market is not ("SH" or "SZ" or "BJ"))
        {
            throw new FormatException($"market '{market}' is not SH, SZ or BJ");
        }

        var from = Date("first_date", first);
        var to = Date("last_date", last);
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new FormatException($"range {first}..{last} is reversed or longer than {MaxDays} days");
        }

        var dates = new HashSet<DateOnly>();
        foreach (var text in tradingDates)
        {
            var date = Date("trading date", text);
            if (date < from || date > to)
            {
                throw new FormatException($"trading date {text} is outside {first}..{last}");
            }

            dates.Add(date);
        }

        return new CalendarRange(market, from, to, dates);
    }

    private static DateOnly Date(string what, string text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{what} '{text}' is not a date like 2025-06-06");
}
