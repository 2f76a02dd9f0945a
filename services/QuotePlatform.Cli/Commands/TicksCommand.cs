using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Cli.Output;
using QuotePlatform.Cli.Output.Ticks;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote ticks SYMBOL --from DATE [--to DATE] [--format table|csv|jsonl]`: the archived ticks (分笔) of one
/// symbol over Beijing trading dates, fetched page by page (GetTicks) and streamed to stdout. jsonl is
/// xtquant's whole-quote shape, one one-symbol payload a line: `quote synth --ticks` reads it back.
/// </summary>
internal static class TicksCommand
{
    public const int MaxPageSize = 20_000;

    public static Command Create(TimeProvider time)
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Symbol, e.g. 600000.SH" };
        var from = TradingDates.FromOption("First Beijing trading date, YYYY-MM-DD");
        var to = TradingDates.ToOption("Last Beijing trading date, YYYY-MM-DD, inclusive (default: --from)");
        var format = new Option<string>("--format")
        {
            Description = "table (people), csv (spreadsheets), jsonl (xtquant whole-quote payloads, as quote synth --ticks reads them)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "jsonl");
        var server = CommandRunner.ServerOption();
        var command = new Command("ticks", "Print archived ticks of one symbol over a range of trading dates") { symbol, from, to, format, server };
        command.Validators.Add(result => TradingDates.CheckOrder(result, from, to));
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var first = TradingDates.Parse(parse.GetValue(from))!.Value;
            var last = TradingDates.Parse(parse.GetValue(to)) ?? first;
            var request = new GetTicksRequest
            {
                Symbol = parse.GetValue(symbol)!.Trim().ToUpperInvariant(),
                FromUnixMs = TradingDates.DayStartUnixMs(first),
                ToUnixMs = TradingDates.DayStartUnixMs(last.AddDays(1)),
                PageSize = MaxPageSize,
            };
            var sink = TickOutputs.Create(Enum.Parse<BarFormat>(parse.GetValue(format)!, ignoreCase: true), output);
            long total = 0;
            do
            {
                var page = await connection.Query.GetTicksAsync(request, connection.Unary(cancellationToken));
                await sink.WriteAsync(page.Ticks, cancellationToken);
                total += page.Ticks.Count;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            await error.WriteLineAsync(total == 0
                ? $"no ticks of {request.Symbol} archived from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (Beijing)"
                : $"{total} ticks of {request.Symbol}, {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (Beijing)");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
