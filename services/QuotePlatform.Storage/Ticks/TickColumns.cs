using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Ticks;

/// <summary>How tick rows are inserted: column types (no schema probe) and batching, as for bars (BarColumns).</summary>
public static class TickColumns
{
    public static InsertOptions Insert { get; } = new()
    {
        BatchSize = 50_000,
        MaxDegreeOfParallelism = 2,
        ColumnTypes = new Dictionary<string, string>
        {
            ["symbol"] = "LowCardinality(String)",
            ["time"] = "DateTime64(3, 'UTC')",
            ["last_price"] = "Float64",
            ["open"] = "Float64",
            ["high"] = "Float64",
            ["low"] = "Float64",
            ["last_close"] = "Float64",
            ["amount_cny"] = "Float64",
            ["volume_lots"] = "Int64",
            ["pvolume_shares"] = "Int64",
            ["stock_status"] = "Int32",
            ["transaction_num"] = "Int64",
            ["bid_prices"] = "Array(Float64)",
            ["bid_volumes_lots"] = "Array(Int64)",
            ["ask_prices"] = "Array(Float64)",
            ["ask_volumes_lots"] = "Array(Int64)",
            ["received"] = "DateTime64(3, 'UTC')",
            ["clock"] = "DateTime64(3, 'UTC')",
        },
    };

    private static readonly ConditionalWeakTable<IClickHouseClient, object> Registered = [];

    public static Task<long> InsertTicksAsync(this IClickHouseClient client, IEnumerable<TickRow> rows, CancellationToken cancellationToken)
    {
        Registered.GetValue(client, c =>
        {
            c.RegisterBinaryInsertType<TickRow>();
            return new object();
        });
        return client.InsertBinaryAsync(TableNames.Ticks, rows, Insert, cancellationToken);
    }
}
