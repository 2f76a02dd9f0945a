using System.CommandLine;
using System.Globalization;
using ClickHouse.Driver;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Cli.Verify;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote verify --date DATE [--symbols ...] [--repair]`: re-derives the day's bars of every period from
/// the tick archive with the bar engine and compares them with the stored bars. One line per symbol
/// that disagrees (with its first differences), then `verify: N bars, N differing, N missing, N extra`.
/// Exit 0 only when all agree (6 otherwise). --repair stores the derived bars where they are missing or
/// differ; extra bars are reported, not deleted.
/// </summary>
internal static class VerifyCommand
{
    private const int ExamplesPerSymbol = 3;

    public static Command Create(TimeProvider time)
    {
        var date = new Option<string>("--date") { Description = "Beijing trading date, YYYY-MM-DD", Required = true };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols, comma-separated or repeated (default: every symbol with archived ticks that day)", AllowMultipleArgumentsPerToken = true };
        var auctionBar = BarOptions.AuctionBar();
        var grace = BarOptions.GraceSeconds();
        var repair = new Option<bool>("--repair") { Description = "Store the derived bars where stored ones are missing or differ (after a rule change)" };
        var clickHouse = new Option<string?>("--clickhouse")
        {
            Description = $"ClickHouse URL (http://host:8123/db) or connection string (default: {ClickHouseAddress.ServiceVariable}, {ClickHouseAddress.Variable}, then {AddressesFile.RelativePath})",
        };
        var command = new Command("verify", "Re-derive a day's bars from the tick archive and compare them with the stored bars")
        {
            date, symbols, auctionBar, grace, repair, clickHouse,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var day = TradingDates.Parse(parse.GetValue(date)) ?? throw new CliFailure(ExitCodes.BadInput, "--date: give a date YYYY-MM-DD");
                var (connection, source) = ClickHouseAddress.Resolve(parse.GetValue(clickHouse), Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
                var settings = new VerifySettings(
                    day,
                    [.. Live.LiveCommandOptions.Symbols(parse.GetValue(symbols) ?? [])],
                    BarOptions.ToAuctionBar(parse.GetValue(auctionBar)),
                    TimeSpan.FromSeconds(parse.GetValue(grace)),
                    parse.GetValue(repair));
                using var client = new ClickHouseClient(BackfillCommand.ParseSettings(connection, source));
                var totals = await StorageCalls.RunAsync(() => ReportAsync(new DayVerifier(client, time), settings, output, cancellationToken), connection, source, cancellationToken);
                if (settings.Repair && totals.Differing + totals.Missing > 0)
                {
                    await error.WriteLineAsync($"verify: stored {totals.Differing + totals.Missing} derived bars in place of differing and missing ones; extra bars are left as they are");
                }

                return totals.Differing + totals.Missing + totals.Extra == 0 ? ExitCodes.Ok : ExitCodes.Disagrees;
            }
            catch (CliFailure failure)
            {
                return await CommandRunner.FailAsync(error, failure);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    private static async Task<(long Bars, long Differing, long Missing, long Extra)> ReportAsync(
        DayVerifier verifier, VerifySettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        long bars = 0, differing = 0, missing = 0, extra = 0;
        await foreach (var verdict in verifier.RunAsync(settings, cancellationToken))
        {
            bars += verdict.Bars;
            differing += verdict.Differing.Count;
            missing += verdict.Missing.Count;
            extra += verdict.Extra.Count;
            if (verdict.Agrees)
            {
                continue;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{verdict.Symbol}: {verdict.Bars} bars, {verdict.Differing.Count} differing, {verdict.Missing.Count} missing, {verdict.Extra.Count} extra"));
            foreach (var (derived, stored) in verdict.Differing.Take(ExamplesPerSymbol))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  differs {derived.Period.ToLabel()} {BeijingTime.Format(derived.FrameUnixMs)}: stored o={stored.Open} h={stored.High} l={stored.Low} c={stored.Close} v={stored.VolumeShares} a={stored.AmountCny} q={stored.QualityFlags}, ticks make o={derived.Open} h={derived.High} l={derived.Low} c={derived.Close} v={derived.VolumeShares} a={derived.AmountCny} q={(uint)derived.Quality}"));
            }

            foreach (var bar in verdict.Missing.Take(ExamplesPerSymbol))
            {
                await output.WriteLineAsync($"  missing {bar.Period.ToLabel()} {BeijingTime.Format(bar.FrameUnixMs)}");
            }

            foreach (var bar in verdict.Extra.Take(ExamplesPerSymbol))
            {
                await output.WriteLineAsync($"  extra {bar.Period.ToLabel()} {BeijingTime.Format(bar.FrameUnixMs)}");
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify: {bars} bars, {differing} differing, {missing} missing, {extra} extra"));
        return (bars, differing, missing, extra);
    }
}
