using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Cli.Output;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote bars SYMBOL --period 1m --from DATE [--to DATE] [--adjust none|front|back] [--format table|csv|jsonl]`:
/// stored bars of one symbol over Beijing trading dates, fetched page by page (GetBars) and streamed to stdout;
/// prices as traded or adjusted for dividends (前复权 / 后复权, computed by the query service).
/// `quote bars --all ...`: every symbol's bars instead (StreamBarPanel, raw prices), ordered by frame, then symbol.
/// </summary>
internal static class BarsCommand
{
    public const int MaxPageSize = 10_000;

    public static Command Create(TimeProvider time)
    {
        var symbol = new Argument<string?>("SYMBOL") { Description = "Symbol, e.g. 600000.SH", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every symbol (a whole-market panel) instead of one, ordered by frame, then symbol" };
        var period = PeriodOption.Create();
        var from = TradingDates.FromOption("First Beijing trading date, YYYY-MM-DD");
        var to = TradingDates.ToOption("Last Beijing trading date, YYYY-MM-DD, inclusive (default: --from)");
        var format = new Option<string>("--format")
        {
            Description = "table (people), csv (spreadsheets), jsonl (the shape quote synth writes)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "jsonl");
        var adjust = new Option<string>("--adjust")
        {
            Description = "Prices as traded (none), front-adjusted (front, 前复权) or back-adjusted (back, 后复权) for dividends; volume stays raw",
            DefaultValueFactory = _ => "none",
        };
        adjust.AcceptOnlyFromAmong("none", "front", "back");
        var pageSize = new Option<int>("--page-size") { Description = $"Bars per request, 1 to {MaxPageSize}", DefaultValueFactory = _ => MaxPageSize };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxPageSize)
            {
                result.AddError($"--page-size must be between 1 and {MaxPageSize}");
            }
        });
        var server = CommandRunner.ServerOption();
        var command = new Command("bars", "Print stored bars of one symbol over a range of trading dates") { symbol, all, period, from, to, adjust, format, pageSize, server };
        command.Validators.Add(result => TradingDates.CheckOrder(result, from, to));
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(symbol)) == !result.GetValue(all))
            {
                result.AddError("give either a SYMBOL or --all (every symbol), not both");
            }

            if (result.GetValue(all) && result.GetValue(adjust) is "front" or "back")
            {
                result.AddError("--all reads raw prices only: --adjust applies to one SYMBOL");
            }
        });
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var first = TradingDates.Parse(parse.GetValue(from))!.Value;
            var last = TradingDates.Parse(parse.GetValue(to)) ?? first;
            var request = new GetBarsRequest
            {
                Symbol = parse.GetValue(symbol)?.Trim().ToUpperInvariant() ?? "",
                Period = PeriodOption.ToContract(parse.GetValue(period)),
                FromUnixMs = TradingDates.DayStartUnixMs(first),
                ToUnixMs = TradingDates.DayStartUnixMs(last.AddDays(1)),
                PageSize = (uint)parse.GetValue(pageSize),
                Adjust = parse.GetValue(adjust) switch { "front" => Adjust.Front, "back" => Adjust.Back, _ => Adjust.None },
            };
            var adjusted = request.Adjust == Adjust.None ? "" : $", {parse.GetValue(adjust)}-adjusted";
            var sink = BarOutputs.Create(Enum.Parse<BarFormat>(parse.GetValue(format)!, ignoreCase: true), output);
            if (parse.GetValue(all))
            {
                var panel = new StreamBarPanelRequest { Period = request.Period, FromUnixMs = request.FromUnixMs, ToUnixMs = request.ToUnixMs };
                var written = await PanelDownload.WriteAsync(connection.Query, panel, sink, cancellationToken);
                await error.WriteLineAsync($"{written} {parse.GetValue(period)} bars of every symbol, {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (Beijing)");
                return ExitCodes.Ok;
            }

            long total = 0;
            var pages = 0;
            do
            {
                var page = await connection.Query.GetBarsAsync(request, connection.Unary(cancellationToken));
                await sink.WriteAsync([.. page.Bars.Select(b => b.ToDomain())], cancellationToken);
                total += page.Bars.Count;
                pages++;
                request.PageToken = page.NextPageToken;
                if (request.PageToken.Length > 0 || pages > 1)
                {
                    await error.WriteLineAsync($"bars: {total} fetched ({pages} pages)");
                }
            }
            while (request.PageToken.Length > 0);

            await error.WriteLineAsync(total == 0
                ? $"no {parse.GetValue(period)} bars of {request.Symbol} stored from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (Beijing)"
                : $"{total} {parse.GetValue(period)} bars of {request.Symbol}, {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (Beijing){adjusted}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
