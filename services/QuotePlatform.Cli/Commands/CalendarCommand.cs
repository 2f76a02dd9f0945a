using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote calendar --from DATE [--to DATE] [--market SH|SZ]`: the trading days of a range (GetTradingDays),
/// one per line; a date no stored calendar covers is marked "assumed" (a weekday counted as trading).
/// </summary>
internal static class CalendarCommand
{
    public const string AssumedMark = "assumed";

    public static Command Create(TimeProvider time)
    {
        var from = TradingDates.FromOption("First Beijing date, YYYY-MM-DD");
        var to = TradingDates.ToOption("Last Beijing date, YYYY-MM-DD, inclusive (default: --from); at most 366 days in all");
        var market = new Option<string>("--market") { Description = "Exchange: SH or SZ (BJ trades on SH's calendar)", DefaultValueFactory = _ => "SH" };
        market.AcceptOnlyFromAmong("SH", "SZ");
        var server = CommandRunner.ServerOption();
        var command = new Command("calendar", "List the trading days of a range of dates (the stored calendar; weekdays where none is stored)")
        {
            from, to, market, server,
        };
        command.Validators.Add(result => TradingDates.CheckOrder(result, from, to));
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, _) =>
        {
            var first = TradingDates.Parse(parse.GetValue(from))!.Value;
            var last = TradingDates.Parse(parse.GetValue(to)) ?? first;
            var request = new GetTradingDaysRequest
            {
                Market = parse.GetValue(market)!,
                FromDate = first.ToString(TradingDates.Format, System.Globalization.CultureInfo.InvariantCulture),
                ToDate = last.ToString(TradingDates.Format, System.Globalization.CultureInfo.InvariantCulture),
            };
            var response = await connection.Query.GetTradingDaysAsync(request, connection.Unary(cancellationToken));
            var assumed = response.AssumedDates.ToHashSet(StringComparer.Ordinal);
            foreach (var date in response.TradingDates)
            {
                await output.WriteLineAsync(assumed.Contains(date) ? $"{date} {AssumedMark}" : date);
            }

            await output.WriteLineAsync(
                $"calendar {request.Market}: {response.TradingDates.Count} trading days from {request.FromDate} to {request.ToDate} ({assumed.Count} {AssumedMark}: no calendar stored for them)");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
