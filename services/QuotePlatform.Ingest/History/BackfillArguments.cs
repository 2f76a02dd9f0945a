using System.Globalization;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// `QuotePlatform.Ingest backfill --from YYYY-MM-DD --to YYYY-MM-DD [--periods 1m,1d] [--symbols A,B | --symbols N] [--replace]`;
/// every other argument goes on to the host's configuration (e.g. --Ingest:Relay:Url=...).
/// </summary>
public static class BackfillArguments
{
    public const string Verb = "backfill";

    public const string Usage =
        "usage: QuotePlatform.Ingest backfill --from YYYY-MM-DD --to YYYY-MM-DD [--periods 1m,5m,15m,30m,60m,1d] [--symbols 600000.SH,000001.SZ | --symbols N] [--replace]";

    public static bool IsBackfill(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>The request and the remaining arguments; <see cref="FormatException"/> names what is wrong.</summary>
    public static (HistoryRequest Request, string[] Remaining) Parse(string[] args)
    {
        DateOnly? from = null, to = null;
        IReadOnlyList<BarPeriod> periods = BarPeriods.All;
        IReadOnlyList<string> symbols = [];
        int? count = null;
        var replace = false;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from":
                    from = Date("--from", Value(args, ref i));
                    break;
                case "--to":
                    to = Date("--to", Value(args, ref i));
                    break;
                case "--periods":
                    periods = Periods(Value(args, ref i));
                    break;
                case "--symbols":
                    var symbolsText = Value(args, ref i);
                    if (int.TryParse(symbolsText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                    {
                        count = n;
                    }
                    else
                    {
                        symbols = Symbols(symbolsText);
                    }

                    break;
                case "--replace":
                    replace = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (from is null || to is null)
        {
            throw new FormatException("--from and --to are required");
        }

        if (to < from)
        {
            throw new FormatException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}");
        }

        return (new HistoryRequest(from.Value, to.Value, periods, symbols, count, replace), [.. rest]);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");

    private static DateOnly Date(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{option} '{text}' is not a date like 2025-06-06");

    private static List<BarPeriod> Periods(string text)
    {
        var periods = new List<BarPeriod>();
        foreach (var label in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            periods.Add(BarPeriods.TryParse(label, out var period) ? period : throw new FormatException($"--periods: '{label}' is not one of 1m, 5m, 15m, 30m, 60m, 1d"));
        }

        return periods.Count > 0 ? periods : throw new FormatException("--periods lists no period");
    }

    private static List<string> Symbols(string text)
    {
        var symbols = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var symbol in symbols)
        {
            if (Domain.Symbols.SymbolCode.Explain(symbol) is { } problem)
            {
                throw new FormatException($"--symbols: {problem}");
            }
        }

        return symbols.Count > 0 ? symbols : throw new FormatException("--symbols lists no symbol");
    }
}
