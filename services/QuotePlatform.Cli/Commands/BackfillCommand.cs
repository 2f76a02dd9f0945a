using System.CommandLine;
using System.Globalization;
using ClickHouse.Driver;
using QuotePlatform.Cli.Backfill;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Storage;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote backfill --from DATE [--to DATE] [--symbols ...] [--dry-run]`: re-derives missing roll-up
/// bars from stored 1m bars and lists the 1m gaps of the trading days (stdout: a holiday in the
/// stored trading calendar is no gap); progress goes to stderr.
/// </summary>
internal static class BackfillCommand
{
    public static Command Create(TimeProvider time)
    {
        var from = TradingDates.FromOption("First Beijing trading date, YYYY-MM-DD");
        var to = TradingDates.ToOption("Last Beijing trading date, YYYY-MM-DD, inclusive (default: --from)");
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols, comma-separated or repeated (default: every symbol with 1m bars in the range)", AllowMultipleArgumentsPerToken = true };
        var auctionBar = BarOptions.AuctionBar();
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be written, write nothing" };
        var clickHouse = new Option<string?>("--clickhouse")
        {
            Description = $"ClickHouse URL (http://host:8123/db) or connection string (default: {ClickHouseAddress.ServiceVariable}, {ClickHouseAddress.Variable}, then {AddressesFile.RelativePath})",
        };
        var command = new Command("backfill", "Re-derive missing 5m/15m/30m/60m/1d bars from stored 1m bars and list the 1m gaps")
        {
            from, to, symbols, auctionBar, dryRun, clickHouse,
        };
        command.Validators.Add(result => TradingDates.CheckOrder(result, from, to));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var (connection, source) = ClickHouseAddress.Resolve(parse.GetValue(clickHouse), Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
                var first = TradingDates.Parse(parse.GetValue(from))!.Value;
                var settings = new BackfillSettings(
                    first,
                    TradingDates.Parse(parse.GetValue(to)) ?? first,
                    [.. Live.LiveCommandOptions.Symbols(parse.GetValue(symbols) ?? [])],
                    BarOptions.ToAuctionBar(parse.GetValue(auctionBar)),
                    parse.GetValue(dryRun));
                using var client = new ClickHouseClient(ParseSettings(connection, source));
                var summary = await StorageCalls.RunAsync(
                    () => new RollupBackfill(client, error, time).RunAsync(settings, cancellationToken), connection, source, cancellationToken);
                await ReportAsync(output, error, summary, settings);
                return ExitCodes.Ok;
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

    public static ClickHouse.Driver.ADO.ClickHouseClientSettings ParseSettings(string connection, string source)
    {
        try
        {
            return ClickHouseSettings.Parse(connection);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"{source}: '{connection}' is not a ClickHouse URL or connection string: {ex.Message}");
        }
    }

    private static async Task ReportAsync(TextWriter output, TextWriter error, BackfillSummary summary, BackfillSettings settings)
    {
        if (summary.ClosedWeekdays.Count > 0)
        {
            await error.WriteLineAsync(
                $"backfill: {summary.ClosedWeekdays.Count} weekdays closed by the stored trading calendar, not looked at: {string.Join(", ", summary.ClosedWeekdays.Select(d => d.ToString(TradingDates.Format, CultureInfo.InvariantCulture)))}");
        }

        await output.WriteLineAsync(summary.Describe(settings.DryRun));
        var emptyEverywhere = summary.Symbols == 0
            ? []
            : summary.EmptyDays.Count == summary.Symbols
                ? summary.EmptyDays.Values.Select(d => (IEnumerable<DateOnly>)d).Aggregate((a, b) => a.Intersect(b)).Order().ToList()
                : [];
        if (summary.Gaps.Count == 0 && summary.EmptyDays.Count == 0)
        {
            await output.WriteLineAsync("1m bars: complete");
            return;
        }

        await output.WriteLineAsync("1m bars missing (only the source can fill them: the ingest's QMT minute backfill; then run backfill again):");
        foreach (var date in emptyEverywhere)
        {
            await output.WriteLineAsync(summary.AssumedDays.Contains(date)
                ? $"  {date:yyyy-MM-dd} no 1m bars for any symbol (a holiday, or nothing was ingested: no trading calendar stored for it)"
                : $"  {date:yyyy-MM-dd} no 1m bars for any symbol (a trading day by the stored calendar: nothing was ingested)");
        }

        foreach (var (symbol, dates) in summary.EmptyDays)
        {
            foreach (var date in dates.Except(emptyEverywhere))
            {
                await output.WriteLineAsync($"  {symbol} {date:yyyy-MM-dd} no 1m bars (suspended, or not ingested)");
            }
        }

        foreach (var gap in summary.Gaps.OrderBy(g => g.Symbol, StringComparer.Ordinal).ThenBy(g => g.FirstFrameUnixMs))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {gap.Symbol} {gap.Date:yyyy-MM-dd} {Minute(gap.FirstFrameUnixMs)}-{Minute(gap.LastFrameUnixMs)} {gap.Bars} bars"));
        }
    }

    private static string Minute(long frameUnixMs) => BeijingTime.ToDateTimeOffset(frameUnixMs).ToString("HH:mm", CultureInfo.InvariantCulture);
}
