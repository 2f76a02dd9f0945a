using ClickHouse.Driver;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.DeadLetters;

/// <summary>A stream entry given up on: where it was, how often it was tried, why it failed, what it held.</summary>
public sealed record DeadLetter(
    string Stream, string EntryId, string Consumer, uint Deliveries, string Error, string Payload, DateTime FailedAt)
{
    private static readonly InsertOptions Insert = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["stream"] = "String",
            ["entry_id"] = "String",
            ["consumer"] = "LowCardinality(String)",
            ["deliveries"] = "UInt32",
            ["error"] = "String",
            ["payload"] = "String",
            ["failed_at"] = "DateTime64(3, 'UTC')",
        },
    };

    public static Task<long> InsertAsync(IClickHouseClient client, IEnumerable<DeadLetter> letters, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync(
            TableNames.DeadLetters,
            Insert.ColumnTypes!.Keys,
            letters.Select(l => new object[] { l.Stream, l.EntryId, l.Consumer, l.Deliveries, l.Error, l.Payload, l.FailedAt }),
            Insert,
            cancellationToken);
}
