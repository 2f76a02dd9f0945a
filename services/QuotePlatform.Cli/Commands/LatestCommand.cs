using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Output;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote latest [SYMBOL...] [--format table|csv]`: the latest quote of each symbol (000001.SZ when none is given).</summary>
internal static class LatestCommand
{
    public static Command Create(TimeProvider time)
    {
        var symbols = new Argument<string[]>("SYMBOL") { Description = "Symbols, e.g. 600000.SH 000001.SZ (none: 000001.SZ, 平安银行)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "table or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var server = CommandRunner.ServerOption();
        var command = new Command("latest", "Print the latest real-time quote of symbols") { symbols, format, server };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, _) =>
        {
            var request = new GetQuotesRequest();
            request.Symbols.AddRange(parse.GetValue(symbols)!.Select(s => s.Trim().ToUpperInvariant()));
            var response = await connection.Query.GetQuotesAsync(request, connection.Unary(cancellationToken));
            var csv = parse.GetValue(format) == "csv";
            await output.WriteLineAsync(csv ? QuoteLines.CsvHeader : QuoteLines.TableHeader);
            foreach (var quote in response.Quotes)
            {
                await output.WriteLineAsync(csv ? QuoteLines.Csv(quote) : QuoteLines.Table(quote));
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
