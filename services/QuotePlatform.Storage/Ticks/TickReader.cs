using System.Data.Common;
using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Ticks;

/// <summary>
/// Reads the tick archive with FINAL, so a tick delivered twice is returned once. A tick's key
/// (symbol, time) lies in one day's partition, so FINAL need not merge across partitions.
/// </summary>
public sealed class TickReader(IClickHouseClient client)
{
    private const string Columns = """
        symbol, toUnixTimestamp64Milli(time), last_price, open, high, low, last_close, amount_cny, volume_lots,
        pvolume_shares, stock_status, transaction_num, bid_prices, bid_volumes_lots, ask_prices, ask_volumes_lots,
        toUnixTimestamp64Milli(received), toUnixTimestamp64Milli(clock)
        """;

    private static readonly QueryOptions FinalRead = new()
    {
        CustomSettings = new Dictionary<string, object> { ["do_not_merge_across_partitions_select_final"] = 1 },
    };

    /// <summary>Ticks of one symbol with <paramref name="fromUnixMs"/> &lt;= time &lt; <paramref name="toUnixMs"/>, oldest first, at most <paramref name="limit"/> (0: all).</summary>
    public async Task<IReadOnlyList<TickRow>> ReadAsync(string symbol, long fromUnixMs, long toUnixMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var parameters = Range(fromUnixMs, toUnixMs);
        parameters.AddParameter("symbol", symbol);
        parameters.AddParameter("limit", (ulong)limit);
        var sql = $"""
            SELECT {Columns} FROM {TableNames.Ticks} FINAL
            WHERE symbol = {"{symbol:String}"} AND {TimeCondition}
            ORDER BY time
            {(limit > 0 ? "LIMIT {limit:UInt64}" : "")}
            """;
        var rows = new List<TickRow>();
        await foreach (var row in QueryAsync(sql, parameters, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Every tick of a time range (all symbols, or those given), ordered by symbol then time, streamed:
    /// a full-market day is some 25 M rows.
    /// </summary>
    public IAsyncEnumerable<TickRow> ReadAllAsync(long fromUnixMs, long toUnixMs, IReadOnlyCollection<string>? symbols, CancellationToken cancellationToken)
    {
        var parameters = Range(fromUnixMs, toUnixMs);
        var condition = TimeCondition;
        if (symbols is { Count: > 0 })
        {
            parameters.AddParameter("symbols", symbols.ToArray());
            condition += " AND symbol IN {symbols:Array(String)}";
        }

        return QueryAsync($"SELECT {Columns} FROM {TableNames.Ticks} FINAL WHERE {condition} ORDER BY symbol, time", parameters, cancellationToken);
    }

    /// <summary>The symbols with ticks in a time range, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> SymbolsAsync(long fromUnixMs, long toUnixMs, CancellationToken cancellationToken)
    {
        var symbols = new List<string>();
        using var reader = await client.ExecuteReaderAsync(
            $"SELECT DISTINCT symbol FROM {TableNames.Ticks} WHERE {TimeCondition} ORDER BY symbol", Range(fromUnixMs, toUnixMs), cancellationToken: cancellationToken);
        while (reader.Read())
        {
            symbols.Add(reader.GetString(0));
        }

        return symbols;
    }

    /// <summary>Distinct ticks stored in a time range (each key counted once however often it was delivered).</summary>
    public async Task<long> CountAsync(long fromUnixMs, long toUnixMs, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await client.ExecuteScalarAsync($"SELECT count() FROM {TableNames.Ticks} FINAL WHERE {TimeCondition}", Range(fromUnixMs, toUnixMs), FinalRead, cancellationToken),
            CultureInfo.InvariantCulture);

    private const string TimeCondition =
        "time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";

    private static ClickHouseParameterCollection Range(long fromUnixMs, long toUnixMs)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from", fromUnixMs);
        parameters.AddParameter("to", toUnixMs);
        return parameters;
    }

    private async IAsyncEnumerable<TickRow> QueryAsync(
        string sql, ClickHouseParameterCollection parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await client.ExecuteReaderAsync(sql, parameters, FinalRead, cancellationToken);
        while (reader.Read())
        {
            yield return Row(reader);
        }
    }

    private static TickRow Row(DbDataReader reader) => new(
        reader.GetString(0),
        Long(reader, 1),
        reader.GetDouble(2),
        reader.GetDouble(3),
        reader.GetDouble(4),
        reader.GetDouble(5),
        reader.GetDouble(6),
        reader.GetDouble(7),
        Long(reader, 8),
        Long(reader, 9),
        Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
        Long(reader, 11),
        (double[])reader.GetValue(12),
        (long[])reader.GetValue(13),
        (double[])reader.GetValue(14),
        (long[])reader.GetValue(15),
        Long(reader, 16),
        Long(reader, 17));

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
