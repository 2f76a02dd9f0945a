using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Relay.Validation;

/// <summary>Checks an instrument's reference data before it is passed on: symbol, dates, name, numbers.</summary>
public static class InstrumentValidator
{
    public const string BadDate = "bad_date";
    public const string NoName = "no_name";
    public const string BadFactor = "bad_dividend_factor";
    public const string BadNumber = "bad_number";

    public static BarRejection? Validate(InstrumentReference instrument)
    {
        if (SymbolCode.Explain(instrument.Symbol) is { } symbolProblem)
        {
            return new BarRejection(BarValidator.BadSymbol, symbolProblem);
        }

        if (!IsDate(instrument.TradingDate))
        {
            return new BarRejection(BadDate, $"trading date '{instrument.TradingDate}' is not YYYY-MM-DD");
        }

        if (instrument.ListedDate.Length > 0 && !IsDate(instrument.ListedDate))
        {
            return new BarRejection(BadDate, $"listed date '{instrument.ListedDate}' is not YYYY-MM-DD");
        }

        if (string.IsNullOrWhiteSpace(instrument.Name))
        {
            return new BarRejection(NoName, $"instrument {instrument.Symbol} has no name");
        }

        // The terminal leaves out what a type has not (an index: no limits, no shares): 0, never negative.
        double[] numbers = [instrument.PriceTick, instrument.UpStopPrice, instrument.DownStopPrice, instrument.PreClose,
            instrument.FloatShares, instrument.TotalShares, instrument.VolumeMultiple];
        if (numbers.Any(v => !double.IsFinite(v) || v < 0))
        {
            return new BarRejection(BadNumber, string.Create(CultureInfo.InvariantCulture,
                $"instrument {instrument.Symbol}: price tick, limit prices, previous close, shares and volume multiple must be finite numbers >= 0 ({string.Join(", ", numbers)})"));
        }

        foreach (var factor in instrument.DividendFactors)
        {
            if (!IsDate(factor.ExDate))
            {
                return new BarRejection(BadDate, $"ex-date '{factor.ExDate}' is not YYYY-MM-DD");
            }

            // The front formula divides by 1 + allot + bonus + gift: each must be a finite number, none negative.
            double[] values = [factor.Interest, factor.StockBonus, factor.StockGift, factor.AllotNum, factor.AllotPrice, factor.Dr];
            if (values.Any(v => !double.IsFinite(v) || v < 0))
            {
                return new BarRejection(BadFactor, string.Create(CultureInfo.InvariantCulture,
                    $"dividend factor of {factor.ExDate}: every value must be a finite number >= 0 ({string.Join(", ", values)})"));
            }
        }

        return null;
    }

    private static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
