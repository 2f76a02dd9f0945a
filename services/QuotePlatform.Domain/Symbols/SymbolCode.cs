namespace QuotePlatform.Domain.Symbols;

/// <summary>Validates instrument codes: six digits, a dot, and the exchange (SH, SZ or BJ), upper case.</summary>
public static class SymbolCode
{
    public const int Length = 9;

    public static bool IsValid(ReadOnlySpan<char> symbol) => Explain(symbol) is null;

    /// <summary>Null when valid, else a sentence saying what is wrong.</summary>
    public static string? Explain(ReadOnlySpan<char> symbol)
    {
        if (symbol.Length != Length)
        {
            return $"symbol '{symbol}' must be 9 characters like 600000.SH (6 digits, '.', SH|SZ|BJ)";
        }

        foreach (var c in symbol[..6])
        {
            if (c is < '0' or > '9')
            {
                return $"symbol '{symbol}' must start with 6 digits";
            }
        }

        if (symbol[6] != '.')
        {
            return $"symbol '{symbol}' must have '.' before the exchange";
        }

        return symbol[7..] is "SH" or "SZ" or "BJ" ? null : $"symbol '{symbol}' has exchange '{symbol[7..]}', expected SH, SZ or BJ";
    }
}
