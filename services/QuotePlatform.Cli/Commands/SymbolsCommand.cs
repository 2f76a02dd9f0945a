using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote symbols [SEARCH]`: the symbols the platform knows (stored bars, a live quote, or details from the
/// terminal) whose code starts with SEARCH or whose name contains it, one per line with name and type.
/// </summary>
internal static class SymbolsCommand
{
    public static Command Create(TimeProvider time)
    {
        var search = new Argument<string>("SEARCH") { Description = "Start of the code (6000, 000001) or part of the name (平安); default: every symbol", Arity = ArgumentArity.ZeroOrOne };
        var server = CommandRunner.ServerOption();
        var command = new Command("symbols", "List the symbols with their names; find one by code or name") { search, server };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var request = new ListSymbolsRequest { Search = parse.GetValue(search) ?? "", PageSize = 10_000 };
            var count = 0;
            do
            {
                var page = await connection.Query.ListSymbolsAsync(request, connection.Unary(cancellationToken));
                foreach (var symbol in page.Symbols)
                {
                    var has = string.Join(',', new[] { symbol.HasBars ? "bars" : null, symbol.HasQuote ? "quote" : null }.OfType<string>());
                    await output.WriteLineAsync($"{symbol.Symbol,-10} {symbol.Exchange,-3} {Pad(symbol.Name, 10)} {symbol.Type,-6} {has}");
                }

                count += page.Symbols.Count;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            await error.WriteLineAsync($"{count} symbols{(request.Search.Length > 0 ? $" matching {request.Search}" : "")}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Pads to a column width counting a CJK character as two columns, as terminals show it.</summary>
    private static string Pad(string text, int columns)
    {
        var width = text.Sum(c => c > 0x2E7F ? 2 : 1);
        return width >= columns ? text : text + new string(' ', columns - width);
    }
}
