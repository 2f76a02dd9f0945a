using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Reference;

/// <summary>
/// Adjusted bars, computed when asked from the raw bars and the stored dividend factors (never stored): open,
/// high, low and close through <see cref="DividendAdjuster"/> (QMT's formulas), volume and amount raw. An event
/// applies by the bar's trading date (Beijing), as QMT compares its index dates.
/// </summary>
internal static class Adjustments
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static PriceAdjustment Parse(Adjust adjust) => adjust switch
    {
        Adjust.None => PriceAdjustment.None,
        Adjust.Front => PriceAdjustment.Front,
        Adjust.Back => PriceAdjustment.Back,
        _ => throw RequestErrors.Invalid($"adjust: give ADJUST_NONE, ADJUST_FRONT or ADJUST_BACK (got {adjust})"),
    };

    public static void Apply(IEnumerable<Bar> bars, DividendAdjuster? adjuster, PriceAdjustment adjustment)
    {
        if (adjustment == PriceAdjustment.None || adjuster is not { HasEvents: true })
        {
            return;
        }

        foreach (var bar in bars)
        {
            var date = DateOnly.FromDayNumber(EpochDay + (int)BeijingTime.DayNumber(bar.FrameUnixMs));
            bar.Open = adjuster.Adjust(bar.Open, date, adjustment);
            bar.High = adjuster.Adjust(bar.High, date, adjustment);
            bar.Low = adjuster.Adjust(bar.Low, date, adjustment);
            bar.Close = adjuster.Adjust(bar.Close, date, adjustment);
        }
    }
}
