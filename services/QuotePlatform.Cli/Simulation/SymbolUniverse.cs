using System.Globalization;
using QuotePlatform.Domain.Symbols;

namespace QuotePlatform.Cli.Simulation;

/// <summary>
/// Picks the instruments of a simulated market: mostly SH and SZ main board, ChiNext (300/301) and
/// STAR (688), with their price limits, a spread of prices and liquidity, and a few suspended all day.
/// </summary>
internal static class SymbolUniverse
{
    private const double SuspendedShare = 0.02;

    // First code, number of codes, exchange, weight: roughly the make-up of the A-share market.
    private static readonly (int First, int Count, string Exchange, int Weight)[] Boards =
    [
        (600_000, 6_000, "SH", 35),
        (688_000, 1_000, "SH", 10),
        (1, 4_000, "SZ", 35),
        (300_000, 2_000, "SZ", 20),
    ];

    public static List<SimulatedStock> Create(SimulationSettings settings, Random random)
    {
        var symbols = settings.StartSymbol is { } start ? Consecutive(start, settings.Symbols) : Mixed(settings.Symbols, random);
        var suspended = SuspendedIndexes(symbols.Count, random);
        var stocks = new List<SimulatedStock>(symbols.Count);
        for (var i = 0; i < symbols.Count; i++)
        {
            var lastClose = Math.Round(Math.Exp(Math.Log(3) + (random.NextDouble() * Math.Log(80.0 / 3))), 2);
            var activity = 0.3 + (random.NextDouble() * 0.65);
            var lotScale = random.Next(5, 200);
            stocks.Add(new SimulatedStock(symbols[i], lastClose, LimitPercent(symbols[i]), suspended.Contains(i), activity, lotScale));
        }

        return stocks;
    }

    /// <summary>Daily price limit in percent: 20 for ChiNext and STAR, 30 for Beijing, 10 for the main boards.</summary>
    public static double LimitPercent(string symbol) =>
        symbol.EndsWith(".BJ", StringComparison.Ordinal) ? 30
        : symbol.StartsWith("30", StringComparison.Ordinal) || symbol.StartsWith("68", StringComparison.Ordinal) ? 20
        : 10;

    /// <summary>Null when <paramref name="start"/> and the count give valid codes, else what is wrong.</summary>
    public static string? ExplainStart(string start, int count)
    {
        if (SymbolCode.Explain(start) is { } problem)
        {
            return problem;
        }

        return int.Parse(start.AsSpan(0, 6), CultureInfo.InvariantCulture) + count - 1 > 999_999
            ? $"{count} codes from {start} run past 999999"
            : null;
    }

    private static List<string> Consecutive(string start, int count)
    {
        var first = int.Parse(start.AsSpan(0, 6), CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(first, count).Select(code => Code(code, start[7..]))];
    }

    private static List<string> Mixed(int count, Random random)
    {
        var totalWeight = Boards.Sum(b => b.Weight);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < count)
        {
            var pick = random.Next(totalWeight);
            var board = Boards[0];
            foreach (var candidate in Boards)
            {
                board = candidate;
                if (pick < candidate.Weight)
                {
                    break;
                }

                pick -= candidate.Weight;
            }

            chosen.Add(Code(board.First + random.Next(board.Count), board.Exchange));
        }

        return [.. chosen.Order(StringComparer.Ordinal)];
    }

    private static HashSet<int> SuspendedIndexes(int count, Random random)
    {
        // A few, and at least one in any market big enough to show it.
        var suspended = count < 10 ? 0 : Math.Max(1, (int)Math.Round(count * SuspendedShare));
        var indexes = new HashSet<int>();
        while (indexes.Count < suspended)
        {
            indexes.Add(random.Next(count));
        }

        return indexes;
    }

    private static string Code(int number, string exchange) => string.Create(CultureInfo.InvariantCulture, $"{number:D6}.{exchange}");
}
