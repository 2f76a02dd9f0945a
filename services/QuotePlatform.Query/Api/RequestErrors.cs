using Grpc.Core;
using QuotePlatform.Domain.Symbols;

namespace QuotePlatform.Query.Api;

/// <summary>The errors a caller can act on: what was wrong and what is allowed.</summary>
internal static class RequestErrors
{
    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    /// <summary>Throws INVALID_ARGUMENT naming the field when the symbol is malformed.</summary>
    public static void CheckSymbol(string field, string symbol)
    {
        if (SymbolCode.Explain(symbol) is { } problem)
        {
            throw Invalid($"{field}: {problem}");
        }
    }

    /// <summary>Symbols checked, duplicates refused, count bounded.</summary>
    public static void CheckSymbols(string field, IReadOnlyCollection<string> symbols, int max)
    {
        if (symbols.Count == 0)
        {
            throw Invalid($"{field}: give at least one symbol");
        }

        if (symbols.Count > max)
        {
            throw Invalid($"{field}: {symbols.Count} symbols asked, at most {max} per request; split the request");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            CheckSymbol(field, symbol);
            if (!seen.Add(symbol))
            {
                throw Invalid($"{field}: {symbol} is given twice");
            }
        }
    }

    public static string ListForMessage(IReadOnlyList<string> symbols) =>
        symbols.Count <= 10 ? string.Join(", ", symbols) : $"{string.Join(", ", symbols.Take(10))} and {symbols.Count - 10} more";
}
