using System.CommandLine;
using QuotePlatform.Cli.Synth;

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
        var periods = BarOptions.Periods("Comma-separated periods to write");
        var auctionBar = BarOptions.AuctionBar();
        var grace = BarOptions.GraceSeconds();

        var command = new Command("synth", "Synthesize minute bars and roll-ups from recorded ticks") { ticks, output, periods, auctionBar, grace };
        command.SetAction(parse =>
        {
            var settings = new SynthSettings(
                BarOptions.ParsePeriods(parse.GetValue(periods))!,
                BarOptions.ToAuctionBar(parse.GetValue(auctionBar)),
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
}
