using System.Globalization;
using ClickHouse.Driver;

namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>Reads the tick archive per symbol (as a reader does, with FINAL) and compares it with the ticks the engine accepted.</summary>
public static class TickReconciler
{
    private const int MaxExamples = 5;

    public static async Task<TickReconciliation> CheckAsync(ClickHouseClient database, IReadOnlyDictionary<string, TickTally> expected, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, TickTally>(StringComparer.Ordinal);
        using (var reader = await database.ExecuteReaderAsync(
            """
            SELECT symbol, count(), sum(toUnixTimestamp64Milli(time)) FROM ticks FINAL GROUP BY symbol
            SETTINGS do_not_merge_across_partitions_select_final = 1
            """, cancellationToken: cancellationToken))
        {
            while (reader.Read())
            {
                stored[reader.GetString(0)] = new TickTally(Long(reader.GetValue(1)), Long(reader.GetValue(2)));
            }
        }

        var duplicates = Long(await database.ExecuteScalarAsync(
            "SELECT count() - uniqExact(symbol, time) FROM ticks FINAL SETTINGS do_not_merge_across_partitions_select_final = 1",
            cancellationToken: cancellationToken));
        long missing = 0, unexpected = 0;
        var examples = new List<string>();
        foreach (var symbol in expected.Keys.Union(stored.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(symbol);
            var got = stored.GetValueOrDefault(symbol);
            missing += Math.Max(0, want.Count - got.Count);
            unexpected += Math.Max(0, got.Count - want.Count);
            if (want != got && examples.Count < MaxExamples)
            {
                examples.Add($"{symbol}: expected {want.Count} ticks (time sum {want.TimeSum}), stored {got.Count} (time sum {got.TimeSum})");
            }
        }

        return new TickReconciliation(expected.Values.Sum(t => t.Count), stored.Values.Sum(t => t.Count), missing, duplicates, unexpected, examples);
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
