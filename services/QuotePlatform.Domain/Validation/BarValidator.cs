using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Symbols;

namespace QuotePlatform.Domain.Validation;

/// <summary>
/// Checks a bar before it is trusted (relay, storage writer: defence in depth). The first failing
/// rule wins, in the order of the reason codes below.
/// </summary>
public static class BarValidator
{
    public const string BadSymbol = "bad_symbol";
    public const string UnknownPeriod = "unknown_period";
    public const string FrameNotOnBoundary = "frame_not_on_boundary";
    public const string NonFinitePrice = "non_finite_price";
    public const string LowNotPositive = "low_not_positive";
    public const string HighBelowLow = "high_below_low";
    public const string OpenOutsideRange = "open_outside_range";
    public const string CloseOutsideRange = "close_outside_range";
    public const string NegativeVolume = "negative_volume";
    public const string NegativeAmount = "negative_amount";

    /// <summary>Null when valid, else the reason and a sentence naming the value.</summary>
    public static BarRejection? Validate(
        string symbol, BarPeriod period, long frameUnixMs, double open, double high, double low, double close, long volumeShares, double amountCny)
    {
        if (SymbolCode.Explain(symbol) is { } symbolProblem)
        {
            return new BarRejection(BadSymbol, symbolProblem);
        }

        if (period.Minutes() == 0 && period != BarPeriod.OneDay)
        {
            return new BarRejection(UnknownPeriod, Invariant($"period {(int)period} is not one of 1m, 5m, 15m, 30m, 60m, 1d"));
        }

        if (!TradingSession.IsBarEnd(period, frameUnixMs))
        {
            return new BarRejection(FrameNotOnBoundary, Invariant(
                $"frame {frameUnixMs} ({BeijingTime.Format(frameUnixMs)}) is not a {period.ToLabel()} bar end on a weekday"));
        }

        if (NonFinite(open, high, low, close) is { } name)
        {
            return new BarRejection(NonFinitePrice, $"{name} is not a finite number");
        }

        if (low <= 0)
        {
            return new BarRejection(LowNotPositive, Invariant($"low {low} is not positive"));
        }

        if (high < low)
        {
            return new BarRejection(HighBelowLow, Invariant($"high {high} is below low {low}"));
        }

        if (open < low || open > high)
        {
            return new BarRejection(OpenOutsideRange, Invariant($"open {open} is outside [{low}, {high}]"));
        }

        if (close < low || close > high)
        {
            return new BarRejection(CloseOutsideRange, Invariant($"close {close} is outside [{low}, {high}]"));
        }

        if (volumeShares < 0)
        {
            return new BarRejection(NegativeVolume, Invariant($"volume {volumeShares} shares is negative"));
        }

        // Written so that NaN and infinities fail too: an amount must be a real, non-negative sum.
        return amountCny >= 0 && double.IsFinite(amountCny)
            ? null
            : new BarRejection(NegativeAmount, Invariant($"amount {amountCny} CNY is not a finite non-negative number"));
    }

    private static string? NonFinite(double open, double high, double low, double close) =>
        !double.IsFinite(open) ? "open"
        : !double.IsFinite(high) ? "high"
        : !double.IsFinite(low) ? "low"
        : !double.IsFinite(close) ? "close"
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
