namespace QuotePlatform.Domain.Reference;

/// <summary>
/// Adjusted prices as QMT computes them for get_market_data_ex(dividend_type='front' | 'back'): the formulas of
/// xtquant's documentation ("xtdata 复权计算方式", dict.thinktrader.net/nativeApi/xtdata.html, its
/// process_forward and process_backward; the same code is quoted in xuntou.net/forum.php?mod=viewthread&amp;tid=198):
/// <list type="bullet">
/// <item>front: for every event dated AFTER the bar's date, in ascending order,
/// v = round((v - interest + allotPrice * allotNum) / (1 + allotNum + stockBonus + stockGift), 2);</item>
/// <item>back: for every event ON or BEFORE the bar's date, from the latest back,
/// v = round(v * (1 + stockGift + stockBonus + allotNum) + interest - allotNum * allotPrice, 2).</item>
/// </list>
/// Each step rounds to the cent as Python's round() does (<see cref="Cents"/>), so the results match to the cent.
/// Volume and amount are never adjusted.
/// </summary>
public sealed class DividendAdjuster
{
    private readonly DividendEvent[] _events;

    /// <param name="events">The stock's events, any order.</param>
    public DividendAdjuster(IEnumerable<DividendEvent> events) =>
        _events = [.. events.OrderBy(e => e.ExDate)];

    public bool HasEvents => _events.Length > 0;

    /// <summary>The price <paramref name="value"/> of a bar of trading date <paramref name="date"/>, adjusted.</summary>
    public double Adjust(double value, DateOnly date, PriceAdjustment adjustment)
    {
        if (adjustment == PriceAdjustment.None || _events.Length == 0)
        {
            return value;
        }

        var passed = Passed(date);
        if (adjustment == PriceAdjustment.Front)
        {
            for (var i = passed; i < _events.Length; i++)
            {
                var e = _events[i];
                value = Cents.Round((value - e.Interest + e.AllotPrice * e.AllotNum) / (1.0 + e.AllotNum + e.StockBonus + e.StockGift));
            }
        }
        else
        {
            for (var i = passed - 1; i >= 0; i--)
            {
                var e = _events[i];
                value = Cents.Round(value * (1.0 + e.StockGift + e.StockBonus + e.AllotNum) + e.Interest - e.AllotNum * e.AllotPrice);
            }
        }

        return value;
    }

    /// <summary>How many events are dated on or before <paramref name="date"/>.</summary>
    private int Passed(DateOnly date)
    {
        var count = 0;
        while (count < _events.Length && _events[count].ExDate <= date)
        {
            count++;
        }

        return count;
    }
}
