using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Query.Coverage;

/// <summary>Frames stored per symbol: only the key columns, each (symbol, frame) once however often it was delivered.</summary>
internal sealed class CoverageReader(IClickHouseClient client)
{
    public async Task<Dictionary<string, HashSet<long>>> FramesAsync(
        IReadOnlyCollection<string> symbols, BarPeriod period, long fromUnixMs, long toUnixMs, CancellationToken cancellationToken)
    {
        var frames = symbols.ToDictionary(symbol => symbol, _ => new HashSet<long>(), StringComparer.Ordinal);
        foreach (var chunk in BarReader.SymbolChunks(symbols))
        {
            await ReadChunkAsync(chunk, period, fromUnixMs, toUnixMs, frames, cancellationToken);
        }

        return frames;
    }

    private async Task ReadChunkAsync(
        string[] symbols, BarPeriod period, long fromUnixMs, long toUnixMs, Dictionary<string, HashSet<long>> frames, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("symbols", symbols);
        parameters.AddParameter("period", (byte)period);
        parameters.AddParameter("from", fromUnixMs);
        parameters.AddParameter("to", toUnixMs);
        const string sql = $"""
            SELECT DISTINCT symbol, toUnixTimestamp64Milli(frame)
            FROM {TableNames.Bars}
            WHERE symbol IN {"{symbols:Array(String)}"} AND period = {"{period:UInt8}"}
              AND frame >= fromUnixTimestamp64Milli({"{from:Int64}"}, 'UTC')
              AND frame < fromUnixTimestamp64Milli({"{to:Int64}"}, 'UTC')
            """;
        using var reader = await client.ExecuteReaderAsync(sql, parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            frames[reader.GetString(0)].Add(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
    }
}
