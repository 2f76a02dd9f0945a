using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Relay.Validation;

/// <summary>Checks an archived tick as the bar engine would have: a valid symbol, a time, a usable last price.</summary>
public static class TickValidator
{
    public static BarRejection? Validate(Tick tick)
    {
        if (SymbolCode.Explain(tick.Symbol) is { } symbolProblem)
        {
            return new BarRejection(BarValidator.BadSymbol, symbolProblem);
        }

        if (tick.TimeUnixMs <= 0)
        {
            return new BarRejection(QuoteValidator.BadTime, string.Create(CultureInfo.InvariantCulture, $"time {tick.TimeUnixMs} is not a positive epoch millisecond"));
        }

        return double.IsFinite(tick.LastPrice) && tick.LastPrice >= 0 && tick.VolumeLots >= 0
            ? null
            : new BarRejection(BarValidator.NonFinitePrice, string.Create(CultureInfo.InvariantCulture,
                $"last price {tick.LastPrice} or volume {tick.VolumeLots} is not a finite non-negative number"));
    }
}
