namespace QuotePlatform.Cli.Simulation;

/// <summary>
/// One instrument's state during the simulated day, in the units the feed uses: prices in CNY,
/// cumulative volume in lots of 100 shares, cumulative amount in CNY, book volumes in lots.
/// </summary>
internal sealed class SimulatedStock(string symbol, double lastClose, double limitPercent, bool suspended, double activity, int lotScale)
{
    public const int BookLevels = 5;
    public const double PriceTick = 0.01;

    public string Symbol { get; } = symbol;

    public double LastClose { get; } = lastClose;

    public double LimitUp { get; } = Math.Round(lastClose * (1 + (limitPercent / 100)), 2);

    public double LimitDown { get; } = Math.Round(lastClose * (1 - (limitPercent / 100)), 2);

    public bool Suspended { get; } = suspended;

    /// <summary>Chance that the instrument changes in a 3 s push window (liquid stocks change nearly always).</summary>
    public double Activity { get; } = activity;

    /// <summary>Typical lots per trade burst: sets how much the stock trades.</summary>
    public int LotScale { get; } = lotScale;

    public double LastPrice { get; set; } = lastClose;

    /// <summary>Opening price once the 09:25 auction matched, 0 before.</summary>
    public double Open { get; set; }

    public double High { get; set; }

    public double Low { get; set; }

    public long VolumeLots { get; set; }

    public double Amount { get; set; }

    public long Trades { get; set; }

    public double[] BidPrices { get; } = new double[BookLevels];

    public long[] BidVolumes { get; } = new long[BookLevels];

    public double[] AskPrices { get; } = new double[BookLevels];

    public long[] AskVolumes { get; } = new long[BookLevels];

    public double Clamp(double price) => Math.Round(Math.Clamp(price, LimitDown, LimitUp), 2);

    public void Trade(double price, long lots, long trades)
    {
        LastPrice = price;
        if (Open == 0)
        {
            Open = High = Low = price;
        }

        High = Math.Max(High, price);
        Low = Math.Min(Low, price);
        VolumeLots += lots;
        Amount += lots * 100 * price;
        Trades += trades;
    }
}
