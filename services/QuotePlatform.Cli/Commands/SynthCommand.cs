using System.CommandLine;
using System.CommandLine.Parsing;
using QuotePlatform.Cli.Synth;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote synth --ticks IN.jsonl --out OUT.jsonl [--periods ...] [--auction-bar merged|separate]`.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var ticks = new Option<FileInfo>("--ticks")
        {
            Description = "JSON Lines of xtquant whole-quote payloads, one callback per line",
            Required = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the bars (JSON Lines)", Required = true };
        var periods = new Option<string>("--periods")
        {
            Description = "Comma-separated periods to write",
            DefaultValueFactory = _ => "1m,5m,15m,30m,60m,1d",
        };
        periods.Validators.Add(result =>
        {
            if (ParsePeriods(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--periods must be a comma-separated list of 1m, 5m, 15m, 30m, 60m, 1d");
            }
        });
        var auctionBar = new Option<string>("--auction-bar")
        {
            Description = "merged: the 09:25 auction joins 09:31 (240 bars); separate: QMT's own 09:30 bar (241)",
            DefaultValueFactory = _ => "merged",
        };
        auctionBar.AcceptOnlyFromAmong("merged", "separate");
        var grace = new Option<int>("--grace-seconds")
        {
            Description = "How long after a bar's end (in tick time) it waits for late ticks",
            DefaultValueFactory = _ => 10,
        };
        grace.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--grace-seconds must be 0 or more");
            }
        });

        var command = new Command("synth", "Synthesize minute bars and roll-ups from recorded ticks") { ticks, output, periods, auctionBar, grace };
        command.SetAction(parse =>
        {
            var settings = new SynthSettings(
                ParsePeriods(parse.GetValue(periods))!,
                parse.GetValue(auctionBar) == "separate" ? AuctionBar.Separate : AuctionBar.Merged,
                TimeSpan.FromSeconds(parse.GetValue(grace)));
            return Execute(parse.GetValue(ticks)!, parse.GetValue(output)!, settings);
        });
        return command;
    }

    private static int Execute(FileInfo ticks, FileInfo output, SynthSettings settings)
    {
        FileStream input;
        try
        {
            input = new FileStream(ticks.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"cannot read --ticks {ticks.FullName}: {ex.Message}");
            return 1;
        }

        using (input)
        using (var bars = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var summary = SynthRunner.Run(input, bars, Console.Error, settings);
            Console.Error.WriteLine(summary);
        }

        return 0;
    }

    private static List<BarPeriod>? ParsePeriods(string? text)
    {
        var result = new List<BarPeriod>();
        foreach (var label in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BarPeriods.TryParse(label, out var period))
            {
                return null;
            }

            if (!result.Contains(period))
            {
                result.Add(period);
            }
        }

        return result.Count > 0 ? result : null;
    }
}
