using ClickHouse.Driver;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Bars;

/// <summary>Column names and types of the bars table, in <see cref="BarRow.ToValues"/> order.</summary>
public static class BarColumns
{
    public static IReadOnlyList<string> Names { get; } =
        ["symbol", "period", "frame", "open", "high", "low", "close", "volume_shares", "amount_cny", "quality_flags", "version"];

    /// <summary>Explicit types let InsertBinaryAsync skip its schema probe (one round trip per insert).</summary>
    public static InsertOptions Insert { get; } = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["symbol"] = "LowCardinality(String)",
            ["period"] = "UInt8",
            ["frame"] = "DateTime64(3, 'UTC')",
            ["open"] = "Float64",
            ["high"] = "Float64",
            ["low"] = "Float64",
            ["close"] = "Float64",
            ["volume_shares"] = "Int64",
            ["amount_cny"] = "Float64",
            ["quality_flags"] = "UInt32",
            ["version"] = "UInt64",
        },
    };

    public static Task<long> InsertBarsAsync(this IClickHouseClient client, IEnumerable<BarRow> rows, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync(TableNames.Bars, Names, rows.Select(row => row.ToValues()), Insert, cancellationToken);
}
