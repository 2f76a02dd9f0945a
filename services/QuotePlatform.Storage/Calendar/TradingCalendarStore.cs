using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Calendar;

/// <summary>The trading_calendar table: rows written by the storage writer, read by the query service and the CLI.</summary>
public sealed class TradingCalendarStore(IClickHouseClient client)
{
    private static readonly InsertOptions Insert = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["market"] = "LowCardinality(String)",
            ["date"] = "Date",
            ["trading"] = "UInt8",
            ["version"] = "UInt64",
        },
    };

    public Task<long> InsertAsync(IEnumerable<CalendarDay> days, ulong version, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync(
            TableNames.TradingCalendar,
            Insert.ColumnTypes!.Keys,
            days.Select(d => new object[] { d.Market, d.Date, d.Trading ? (byte)1 : (byte)0, version }),
            Insert,
            cancellationToken);

    /// <summary>The stored verdicts for the dates of [from, to] that a calendar covers; dates it does not cover are absent.</summary>
    public async Task<Dictionary<DateOnly, bool>> ReadAsync(string market, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("market", market);
        parameters.AddParameter("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        parameters.AddParameter("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        const string sql = $"""
            SELECT toString(date), trading
            FROM {TableNames.TradingCalendar} FINAL
            WHERE market = {"{market:String}"} AND date >= toDate({"{from:String}"}) AND date <= toDate({"{to:String}"})
            """;
        var days = new Dictionary<DateOnly, bool>();
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            days[DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)] =
                Convert.ToByte(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }

        return days;
    }
}
