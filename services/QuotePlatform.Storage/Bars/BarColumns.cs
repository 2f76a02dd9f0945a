using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Bars;

/// <summary>How bar rows are inserted: column types and batching.</summary>
public static class BarColumns
{
    /// <summary>
    /// Explicit types let InsertBinaryAsync skip its schema probe (one round trip per insert). A
    /// large batch goes as 50,000-row INSERTs, two at a time: measured here 390-410 k rows/s against
    /// 300-320 k with one at a time (serialising on one core while the engine sorts on the other).
    /// A retry after a partial failure re-inserts every chunk, which the table's design makes harmless.
    /// </summary>
    public static InsertOptions Insert { get; } = new()
    {
        BatchSize = 50_000,
        MaxDegreeOfParallelism = 2,
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

    private static readonly ConditionalWeakTable<IClickHouseClient, object> Registered = [];

    public static Task<long> InsertBarsAsync(this IClickHouseClient client, IEnumerable<BarRow> rows, CancellationToken cancellationToken)
    {
        // The driver needs the POCO type registered once per client before the first insert.
        Registered.GetValue(client, c =>
        {
            c.RegisterBinaryInsertType<BarRow>();
            return new object();
        });
        return client.InsertBinaryAsync(TableNames.Bars, rows, Insert, cancellationToken);
    }
}
