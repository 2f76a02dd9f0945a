using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Cli.Backfill;

/// <summary>What the backfill needs to know of the bars table besides the 1m bars themselves (BarReader reads those).</summary>
internal static class StoredBars
{
    /// <summary>Symbols with at least one 1m bar in [from, to), ordered.</summary>
    public static async Task<List<string>> SymbolsWithMinutesAsync(IClickHouseClient client, long fromUnixMs, long toUnixMs, CancellationToken cancellationToken)
    {
        var parameters = Range(fromUnixMs, toUnixMs);
        const string sql = $"""
            SELECT DISTINCT symbol FROM {TableNames.Bars}
            WHERE period = 1
              AND frame >= fromUnixTimestamp64Milli({"{from:Int64}"}, 'UTC') AND frame < fromUnixTimestamp64Milli({"{to:Int64}"}, 'UTC')
            ORDER BY symbol
            """;
        var symbols = new List<string>();
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            symbols.Add(reader.GetString(0));
        }

        return symbols;
    }

    /// <summary>Version of every stored roll-up bar (period above 1m) of the symbols in [from, to), by (symbol, period, frame).</summary>
    public static async Task<Dictionary<(string Symbol, byte Period, long FrameUnixMs), ulong>> RollupVersionsAsync(
        IClickHouseClient client, IReadOnlyCollection<string> symbols, long fromUnixMs, long toUnixMs, CancellationToken cancellationToken)
    {
        var parameters = Range(fromUnixMs, toUnixMs);
        parameters.AddParameter("symbols", symbols.ToArray());
        const string sql = $"""
            SELECT symbol, period, toUnixTimestamp64Milli(frame), version FROM {TableNames.Bars} FINAL
            WHERE symbol IN {"{symbols:Array(String)}"} AND period > 1
              AND frame >= fromUnixTimestamp64Milli({"{from:Int64}"}, 'UTC') AND frame < fromUnixTimestamp64Milli({"{to:Int64}"}, 'UTC')
            """;
        var versions = new Dictionary<(string, byte, long), ulong>();
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            versions[(reader.GetString(0), Convert.ToByte(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture))] =
                Convert.ToUInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
        }

        return versions;
    }

    private static ClickHouseParameterCollection Range(long fromUnixMs, long toUnixMs)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from", fromUnixMs);
        parameters.AddParameter("to", toUnixMs);
        return parameters;
    }
}
