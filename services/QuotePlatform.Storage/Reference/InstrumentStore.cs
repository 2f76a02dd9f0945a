using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Reference;

/// <summary>
/// The instruments and dividend_factors tables: written by the storage writer, read by the query service. An
/// instrument's details are versioned by trading date: what it was called on a date is the row of the latest
/// trading date on or before it.
/// </summary>
public sealed class InstrumentStore(IClickHouseClient client)
{
    private static readonly InsertOptions DetailInsert = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["symbol"] = "LowCardinality(String)",
            ["trading_date"] = "Date",
            ["name"] = "String",
            ["exchange"] = "LowCardinality(String)",
            ["type"] = "LowCardinality(String)",
            ["listed_date"] = "Nullable(Date)",
            ["price_tick"] = "Float64",
            ["up_stop_price"] = "Float64",
            ["down_stop_price"] = "Float64",
            ["pre_close"] = "Float64",
            ["float_shares"] = "Float64",
            ["total_shares"] = "Float64",
            ["volume_multiple"] = "Int32",
            ["instrument_status"] = "Int32",
            ["version"] = "UInt64",
        },
    };

    private static readonly InsertOptions FactorInsert = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["symbol"] = "LowCardinality(String)",
            ["ex_date"] = "Date",
            ["interest"] = "Float64",
            ["stock_bonus"] = "Float64",
            ["stock_gift"] = "Float64",
            ["allot_num"] = "Float64",
            ["allot_price"] = "Float64",
            ["gugai"] = "Float64",
            ["dr"] = "Float64",
            ["version"] = "UInt64",
        },
    };

    private const string DetailColumns =
        "symbol, toString(trading_date), name, exchange, type, toString(listed_date), price_tick, up_stop_price, down_stop_price, pre_close, float_shares, total_shares, volume_multiple, instrument_status";

    public Task<long> InsertDetailsAsync(IReadOnlyCollection<InstrumentDetail> details, ulong version, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync(
            TableNames.Instruments,
            DetailInsert.ColumnTypes!.Keys,
            details.Select(d => new object?[]
            {
                d.Symbol, d.TradingDate, d.Name, d.Exchange, d.Type, d.ListedOn, d.PriceTick, d.UpStopPrice, d.DownStopPrice, d.PreClose,
                d.FloatShares, d.TotalShares, d.VolumeMultiple, d.InstrumentStatus, version,
            }),
            DetailInsert,
            cancellationToken);

    public Task<long> InsertFactorsAsync(IEnumerable<(string Symbol, DividendEvent Event)> factors, ulong version, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync(
            TableNames.DividendFactors,
            FactorInsert.ColumnTypes!.Keys,
            factors.Select(f => new object[]
            {
                f.Symbol, f.Event.ExDate, f.Event.Interest, f.Event.StockBonus, f.Event.StockGift, f.Event.AllotNum, f.Event.AllotPrice,
                f.Event.Gugai, f.Event.Dr, version,
            }),
            FactorInsert,
            cancellationToken);

    /// <summary>
    /// Each symbol with its name, exchange and type as of <paramref name="asOf"/> (its latest details on or before
    /// it), whose code starts with <paramref name="search"/> or whose name contains it (everything when empty),
    /// by code, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<List<SymbolName>> SearchAsync(string search, DateOnly asOf, int limit, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("search", search);
        parameters.AddParameter("asOf", Iso(asOf));
        parameters.AddParameter("limit", limit);
        const string sql = $"""
            SELECT symbol, argMax(name, trading_date) AS current, argMax(exchange, trading_date), argMax(type, trading_date)
            FROM {TableNames.Instruments} FINAL
            WHERE trading_date <= toDate({"{asOf:String}"})
            GROUP BY symbol
            HAVING {"{search:String}"} = '' OR startsWith(symbol, upper({"{search:String}"})) OR positionUTF8(current, {"{search:String}"}) > 0
            ORDER BY symbol
            LIMIT {"{limit:UInt32}"}
            """;
        var names = new List<SymbolName>();
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            names.Add(new SymbolName(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return names;
    }

    /// <summary>The instrument's details as of <paramref name="asOf"/> (the latest trading date on or before it), or null.</summary>
    public async Task<InstrumentDetail?> DetailAsync(string symbol, DateOnly asOf, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("symbol", symbol);
        parameters.AddParameter("asOf", Iso(asOf));
        const string sql = $"""
            SELECT {DetailColumns}
            FROM {TableNames.Instruments} FINAL
            WHERE symbol = {"{symbol:String}"} AND trading_date <= toDate({"{asOf:String}"})
            ORDER BY trading_date DESC
            LIMIT 1
            """;
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        if (!reader.Read())
        {
            return null;
        }

        var listed = reader.IsDBNull(5) ? null : reader.GetString(5);
        return new InstrumentDetail(
            reader.GetString(0), Date(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            string.IsNullOrEmpty(listed) ? null : Date(listed),
            Number(reader, 6), Number(reader, 7), Number(reader, 8), Number(reader, 9), Number(reader, 10), Number(reader, 11),
            Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(13), CultureInfo.InvariantCulture));
    }

    /// <summary>The stored dividend events of each symbol, of every symbol when <paramref name="symbols"/> is null (symbols without any are absent).</summary>
    public async Task<Dictionary<string, List<DividendEvent>>> FactorsAsync(IReadOnlyCollection<string>? symbols, CancellationToken cancellationToken)
    {
        var factors = new Dictionary<string, List<DividendEvent>>(StringComparer.Ordinal);
        if (symbols is { Count: 0 })
        {
            return factors;
        }

        var parameters = new ClickHouseParameterCollection();
        var filter = "";
        if (symbols is not null)
        {
            parameters.AddParameter("symbols", symbols.ToArray());
            filter = "WHERE symbol IN {symbols:Array(String)}";
        }

        var sql = $"""
            SELECT symbol, toString(ex_date), interest, stock_bonus, stock_gift, allot_num, allot_price, gugai, dr
            FROM {TableNames.DividendFactors} FINAL
            {filter}
            ORDER BY symbol, ex_date
            """;
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            var symbol = reader.GetString(0);
            if (!factors.TryGetValue(symbol, out var events))
            {
                factors[symbol] = events = [];
            }

            events.Add(new DividendEvent(Date(reader.GetString(1)), Number(reader, 2), Number(reader, 3), Number(reader, 4), Number(reader, 5),
                Number(reader, 6), Number(reader, 7), Number(reader, 8)));
        }

        return factors;
    }

    private static double Number(System.Data.Common.DbDataReader reader, int column) => Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
