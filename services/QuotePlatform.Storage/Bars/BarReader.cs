using System.Globalization;
using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Bars;

/// <summary>
/// Reads "one symbol, one period, a time range" the way every reader must: with FINAL, so a bar
/// inserted twice (redelivery, retry) is returned once, before and after background merges.
/// </summary>
public sealed class BarReader(IClickHouseClient client)
{
    // A key (symbol, period, frame) always lands in one partition, so FINAL may skip merging
    // across partitions, which keeps it about as cheap as a plain read.
    internal static readonly QueryOptions FinalRead = new()
    {
        CustomSettings = new Dictionary<string, object> { ["do_not_merge_across_partitions_select_final"] = 1 },
    };

    private const string Columns =
        "symbol, period, toUnixTimestamp64Milli(frame), open, high, low, close, volume_shares, amount_cny, quality_flags, version";

    /// <summary>Bars with <paramref name="fromUnixMs"/> &lt;= frame &lt; <paramref name="toUnixMs"/>, oldest first.</summary>
    public Task<IReadOnlyList<BarRow>> ReadAsync(
        string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, CancellationToken cancellationToken) =>
        ReadAsync(symbol, period, fromUnixMs, toUnixMs, limit: 0, cancellationToken);

    /// <summary>As above, at most <paramref name="limit"/> bars (0: all), the oldest ones.</summary>
    public Task<IReadOnlyList<BarRow>> ReadAsync(
        string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, int limit, CancellationToken cancellationToken)
    {
        var parameters = RangeParameters(period, fromUnixMs, toUnixMs, limit);
        parameters.AddParameter("symbol", symbol);
        return ReadRowsAsync("symbol = {symbol:String}", "frame", parameters, limit, cancellationToken);
    }

    /// <summary>
    /// Bars of several symbols over one range, ordered by symbol then frame, at most
    /// <paramref name="limit"/> in all (0: all) and the oldest <paramref name="limitPerSymbol"/> of each (0: all).
    /// </summary>
    public async Task<IReadOnlyList<BarRow>> ReadManyAsync(
        IReadOnlyCollection<string> symbols, BarPeriod period, long fromUnixMs, long toUnixMs, int limit, CancellationToken cancellationToken,
        int limitPerSymbol = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitPerSymbol);
        var order = limitPerSymbol > 0 ? "symbol, frame LIMIT {per_symbol:UInt64} BY symbol" : "symbol, frame";
        var rows = new List<BarRow>();
        foreach (var chunk in SymbolChunks(symbols))
        {
            var remaining = limit == 0 ? 0 : limit - rows.Count;
            var parameters = RangeParameters(period, fromUnixMs, toUnixMs, remaining);
            parameters.AddParameter("symbols", chunk);
            parameters.AddParameter("per_symbol", (ulong)limitPerSymbol);
            rows.AddRange(await ReadRowsAsync("symbol IN {symbols:Array(String)}", order, parameters, remaining, cancellationToken));
            if (limit > 0 && rows.Count >= limit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Query parameters travel in the URL: clickhouse-server accepts 1 MiB, but an endpoint with
    /// Kestrel's 8 KiB request line (the local one) refuses about 450 symbols, so ask in chunks,
    /// in symbol order so that chunked answers concatenate in the same order as one would be.
    /// </summary>
    public static IEnumerable<string[]> SymbolChunks(IEnumerable<string> symbols) =>
        symbols.Order(StringComparer.Ordinal).Chunk(MaxSymbolsPerStatement);

    public const int MaxSymbolsPerStatement = 200;

    /// <summary>Distinct bars stored (each key counted once however often it was delivered).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await client.ExecuteScalarAsync($"SELECT count() FROM {TableNames.Bars} FINAL", options: FinalRead, cancellationToken: cancellationToken),
            CultureInfo.InvariantCulture);

    private static ClickHouseParameterCollection RangeParameters(BarPeriod period, long fromUnixMs, long toUnixMs, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("period", (byte)period);
        parameters.AddParameter("from", fromUnixMs);
        parameters.AddParameter("to", toUnixMs);
        parameters.AddParameter("limit", (ulong)limit);
        return parameters;
    }

    private async Task<IReadOnlyList<BarRow>> ReadRowsAsync(
        string symbolCondition, string order, ClickHouseParameterCollection parameters, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {Columns}
            FROM {TableNames.Bars} FINAL
            WHERE {symbolCondition} AND period = {"{period:UInt8}"}
              AND frame >= fromUnixTimestamp64Milli({"{from:Int64}"}, 'UTC')
              AND frame < fromUnixTimestamp64Milli({"{to:Int64}"}, 'UTC')
            ORDER BY {order}
            {(limit > 0 ? "LIMIT {limit:UInt64}" : "")}
            """;
        var rows = new List<BarRow>();
        using var reader = await client.ExecuteReaderAsync(sql, parameters, FinalRead, cancellationToken);
        while (reader.Read())
        {
            rows.Add(RowOf(reader));
        }

        return rows;
    }

    /// <summary>
    /// Every bar of every symbol and period with <paramref name="fromUnixMs"/> &lt;= frame &lt;
    /// <paramref name="toUnixMs"/> as FINAL answers, with its version, streamed in no particular order.
    /// </summary>
    public async IAsyncEnumerable<BarRow> ReadAllAsync(long fromUnixMs, long toUnixMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from", fromUnixMs);
        parameters.AddParameter("to", toUnixMs);
        var sql = $"""
            SELECT {Columns}
            FROM {TableNames.Bars} FINAL
            WHERE frame >= fromUnixTimestamp64Milli({"{from:Int64}"}, 'UTC') AND frame < fromUnixTimestamp64Milli({"{to:Int64}"}, 'UTC')
            """;
        using var reader = await client.ExecuteReaderAsync(sql, parameters, FinalRead, cancellationToken);
        while (reader.Read())
        {
            yield return RowOf(reader);
        }
    }

    private static BarRow RowOf(System.Data.Common.DbDataReader reader) => new(
        reader.GetString(0),
        Convert.ToByte(reader.GetValue(1), CultureInfo.InvariantCulture),
        Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
        reader.GetDouble(3),
        reader.GetDouble(4),
        reader.GetDouble(5),
        reader.GetDouble(6),
        Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture),
        reader.GetDouble(8),
        Convert.ToUInt32(reader.GetValue(9), CultureInfo.InvariantCulture),
        Convert.ToUInt64(reader.GetValue(10), CultureInfo.InvariantCulture));
}
