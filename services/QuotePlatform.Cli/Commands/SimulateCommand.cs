using System.CommandLine;
using System.Globalization;
using QuotePlatform.Cli.Simulation;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote simulate --date YYYY-MM-DD --symbols N --out ticks.jsonl [--seed S] [--start-symbol CODE]`:
/// a simulated trading day of whole-market pushes in the shape `quote synth` and the ingest Replay source read.
/// </summary>
internal static class SimulateCommand
{
    public const int MaxSymbols = 10_000;

    public static Command Create()
    {
        var date = new Option<string>("--date") { Description = "Trading date in Beijing, YYYY-MM-DD (a weekday)", Required = true };
        date.Validators.Add(result =>
        {
            if (ParseDate(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--date must be a weekday written YYYY-MM-DD");
            }
        });
        var symbols = new Option<int>("--symbols") { Description = "Number of instruments", DefaultValueFactory = _ => 300 };
        symbols.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxSymbols)
            {
                result.AddError($"--symbols must be between 1 and {MaxSymbols}");
            }
        });
        var output = new Option<FileInfo>("--out") { Description = "Where to write the pushes (JSON Lines)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Same seed, same bytes", DefaultValueFactory = _ => 1 };
        var startSymbol = new Option<string?>("--start-symbol")
        {
            Description = "Use consecutive codes from this one (e.g. 600000.SH) instead of a mixed SH/SZ market",
        };

        var command = new Command("simulate", "Write a simulated trading day of xtquant whole-quote pushes") { date, symbols, output, seed, startSymbol };
        command.Validators.Add(result =>
        {
            if (result.GetValue(startSymbol) is { } start && SymbolUniverse.ExplainStart(start, result.GetValue(symbols)) is { } problem)
            {
                result.AddError($"--start-symbol: {problem}");
            }
        });
        command.SetAction(parse =>
        {
            var settings = new SimulationSettings(
                ParseDate(parse.GetValue(date))!.Value, parse.GetValue(symbols), parse.GetValue(seed), parse.GetValue(startSymbol));
            return Execute(settings, parse.GetValue(output)!, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Execute(SimulationSettings settings, FileInfo output, TextWriter error)
    {
        FileStream file;
        try
        {
            file = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cannot write --out {output.FullName}: {ex.Message}");
            return 1;
        }

        using (file)
        {
            var summary = MarketSimulator.Run(settings, file);
            error.WriteLine($"{output.FullName}: {settings.Date:yyyy-MM-dd}, {summary}");
        }

        return 0;
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            ? date
            : null;
}
