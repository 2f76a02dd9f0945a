namespace QuotePlatform.Domain.Calendar;

/// <summary>
/// Which dates an exchange trades: the terminal's calendar where one has been received for a date,
/// otherwise every weekday (so a platform that has no calendar yet behaves as before it had one).
/// </summary>
public sealed class TradingDayCalendar(IReadOnlyDictionary<DateOnly, bool> known)
{
    /// <summary>No calendar received: weekdays only.</summary>
    public static TradingDayCalendar WeekdaysOnly { get; } = new(new Dictionary<DateOnly, bool>());

    public bool IsKnown(DateOnly date) => known.ContainsKey(date);

    public bool IsTradingDay(DateOnly date) =>
        known.TryGetValue(date, out var trading) ? trading : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The trading days of [from, to], ascending.</summary>
    public IEnumerable<DateOnly> TradingDays(DateOnly from, DateOnly to)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsTradingDay(date))
            {
                yield return date;
            }
        }
    }
}
