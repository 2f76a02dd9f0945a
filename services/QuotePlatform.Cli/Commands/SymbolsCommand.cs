using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote symbols [PREFIX]`: the symbols the platform knows (stored bars or a live quote), one per line.</summary>
internal static class SymbolsCommand
{
    public static Command Create(TimeProvider time)
    {
        var prefix = new Argument<string>("PREFIX") { Description = "Start of the code, e.g. 6000 or 000001 (default: every symbol)", Arity = ArgumentArity.ZeroOrOne };
        var server = CommandRunner.ServerOption();
        var command = new Command("symbols", "List the symbols with stored bars or a live quote") { prefix, server };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var request = new ListSymbolsRequest { Prefix = parse.GetValue(prefix) ?? "", PageSize = 10_000 };
            var count = 0;
            do
            {
                var page = await connection.Query.ListSymbolsAsync(request, connection.Unary(cancellationToken));
                foreach (var symbol in page.Symbols)
                {
                    var has = string.Join(',', new[] { symbol.HasBars ? "bars" : null, symbol.HasQuote ? "quote" : null }.OfType<string>());
                    await output.WriteLineAsync($"{symbol.Symbol,-10} {symbol.Exchange,-3} {has}");
                }

                count += page.Symbols.Count;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            await error.WriteLineAsync($"{count} symbols{(request.Prefix.Length > 0 ? $" starting with {request.Prefix}" : "")}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
