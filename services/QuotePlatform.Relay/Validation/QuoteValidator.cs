using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Relay.Validation;

/// <summary>Checks a latest-quote snapshot; bars are checked by the domain's <see cref="BarValidator"/>.</summary>
public static class QuoteValidator
{
    public const string BadTime = "bad_time";

    public static BarRejection? Validate(Quote quote)
    {
        if (SymbolCode.Explain(quote.Symbol) is { } symbolProblem)
        {
            return new BarRejection(BarValidator.BadSymbol, symbolProblem);
        }

        if (quote.TimeUnixMs <= 0)
        {
            return new BarRejection(BadTime, string.Create(CultureInfo.InvariantCulture, $"time {quote.TimeUnixMs} is not a positive epoch millisecond"));
        }

        return double.IsFinite(quote.LastPrice) && quote.LastPrice >= 0
            ? null
            : new BarRejection(BarValidator.NonFinitePrice, string.Create(CultureInfo.InvariantCulture, $"last price {quote.LastPrice} is not a finite non-negative number"));
    }
}
