using QuotePlatform.Domain.Calendar;

namespace QuotePlatform.Storage.Calendar;

/// <summary>
/// The stored trading calendars of one request's dates, read once, per exchange: an exchange's own
/// verdict for a date, else SH's (the exchanges keep one calendar, and the terminal may send only
/// SH's; BJ's normally comes from SH's). A date no calendar covers is a trading day when it is a
/// weekday (<see cref="TradingDayCalendar"/>). GetCoverage, GetTradingDays and `quote backfill` use it.
/// </summary>
public sealed class ExchangeCalendars
{
    public const string Shanghai = "SH";
    public const string Shenzhen = "SZ";

    private readonly Dictionary<string, TradingDayCalendar> _byExchange;

    private ExchangeCalendars(Dictionary<string, TradingDayCalendar> byExchange) => _byExchange = byExchange;

    /// <summary>Reads SH's stored calendar over [from, to], and that of each other exchange given.</summary>
    public static async Task<ExchangeCalendars> ReadAsync(
        TradingCalendarStore store, IEnumerable<string> exchanges, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var shanghai = await store.ReadAsync(Shanghai, from, to, cancellationToken);
        var byExchange = new Dictionary<string, TradingDayCalendar>(StringComparer.Ordinal) { [Shanghai] = new(shanghai) };
        foreach (var exchange in exchanges.Where(e => e != Shanghai).Distinct(StringComparer.Ordinal))
        {
            var own = await store.ReadAsync(exchange, from, to, cancellationToken);
            foreach (var (date, trading) in shanghai)
            {
                own.TryAdd(date, trading);
            }

            byExchange[exchange] = new TradingDayCalendar(own);
        }

        return new ExchangeCalendars(byExchange);
    }

    /// <summary>The exchange of a valid symbol code: SH, SZ or BJ.</summary>
    public static string ExchangeOf(string symbol) => symbol[^2..];

    /// <summary>The calendar a symbol's exchange (given to <see cref="ReadAsync"/>) trades on.</summary>
    public TradingDayCalendar Of(string symbol) => For(ExchangeOf(symbol));

    /// <summary>The calendar of SH or of an exchange given to <see cref="ReadAsync"/>.</summary>
    public TradingDayCalendar For(string exchange) =>
        _byExchange.TryGetValue(exchange, out var calendar)
            ? calendar
            : throw new InvalidOperationException($"{exchange}'s calendar was not read: name {exchange} among the exchanges given to ReadAsync");
}
