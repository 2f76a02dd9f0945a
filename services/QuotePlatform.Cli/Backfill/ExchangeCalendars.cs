using ClickHouse.Driver;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Storage.Calendar;

namespace QuotePlatform.Cli.Backfill;

/// <summary>
/// The stored trading calendars over the backfill's dates, read once, per exchange as the query
/// service's GetCoverage applies them (keep the two in step): an exchange's own verdict for a date,
/// else SH's. A date no calendar covers is a trading day when it is a weekday (<see cref="TradingDayCalendar"/>).
/// </summary>
internal sealed class ExchangeCalendars
{
    private const string Shanghai = "SH";

    private readonly Dictionary<string, TradingDayCalendar> _byExchange;

    private ExchangeCalendars(Dictionary<string, TradingDayCalendar> byExchange) => _byExchange = byExchange;

    /// <summary>Reads SH's calendar and that of every other exchange among the symbols (SZ, BJ).</summary>
    public static async Task<ExchangeCalendars> ReadAsync(
        IClickHouseClient client, IEnumerable<string> symbols, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var store = new TradingCalendarStore(client);
        var shanghai = await store.ReadAsync(Shanghai, from, to, cancellationToken);
        var byExchange = new Dictionary<string, TradingDayCalendar>(StringComparer.Ordinal) { [Shanghai] = new(shanghai) };
        foreach (var exchange in symbols.Select(ExchangeOf).Where(e => e != Shanghai).Distinct(StringComparer.Ordinal))
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

    /// <summary>The calendar a symbol read by <see cref="ReadAsync"/> trades on.</summary>
    public TradingDayCalendar Of(string symbol) => _byExchange[ExchangeOf(symbol)];

    private static string ExchangeOf(string symbol) => symbol[^2..];
}
