using System.Globalization;
using ClickHouse.Driver;
using ContractBar = QuotePlatform.Contracts.MarketData.V1.Bar;

namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>Reads every stored bar of a database (as a reader does, with FINAL) and compares it with the expectation.</summary>
public static class Reconciler
{
    private const int MaxExamples = 5;

    public static async Task<Reconciliation> CheckAsync(ClickHouseClient database, IReadOnlyDictionary<BarKey, ContractBar> expected, CancellationToken cancellationToken)
    {
        var seen = new HashSet<BarKey>(expected.Count);
        var examples = new List<string>();
        long stored = 0, duplicates = 0, differing = 0, unexpected = 0;
        using (var reader = await database.ExecuteReaderAsync(
            """
            SELECT symbol, period, toUnixTimestamp64Milli(frame), open, high, low, close, volume_shares, amount_cny
            FROM bars FINAL SETTINGS do_not_merge_across_partitions_select_final = 1
            """, cancellationToken: cancellationToken))
        {
            while (reader.Read())
            {
                stored++;
                var key = new BarKey(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
                if (!seen.Add(key))
                {
                    duplicates++;
                    Example(examples, $"twice {key}");
                    continue;
                }

                if (!expected.TryGetValue(key, out var bar))
                {
                    unexpected++;
                    Example(examples, $"unexpected {key}");
                    continue;
                }

                if (reader.GetDouble(3) != bar.Open || reader.GetDouble(4) != bar.High || reader.GetDouble(5) != bar.Low || reader.GetDouble(6) != bar.Close
                    || Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture) != bar.VolumeShares || reader.GetDouble(8) != bar.AmountCny)
                {
                    differing++;
                    Example(examples, $"differs {key}: stored o={reader.GetDouble(3)} c={reader.GetDouble(6)} v={reader.GetValue(7)} a={reader.GetDouble(8)}, expected {bar}");
                }
            }
        }

        var missing = expected.Keys.LongCount(key => !seen.Contains(key));
        foreach (var key in expected.Keys.Where(key => !seen.Contains(key)).Take(MaxExamples - Math.Min(MaxExamples, examples.Count)))
        {
            examples.Add($"missing {key}");
        }

        var rows = Convert.ToInt64(await database.ExecuteScalarAsync("SELECT count() FROM bars", cancellationToken: cancellationToken), CultureInfo.InvariantCulture);
        return new Reconciliation(expected.Count, stored, missing, duplicates, differing, unexpected, rows - stored + duplicates, examples);
    }

    private static void Example(List<string> examples, string text)
    {
        if (examples.Count < MaxExamples)
        {
            examples.Add(text);
        }
    }
}
