using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Domain.Rollups;

/// <summary>One period's window being built for one symbol from final 1m bars.</summary>
internal struct RollupWindow
{
    public bool IsOpen;
    public long Day;
    public int EndSlot;
    public bool Traded;
    public double Open;
    public double High;
    public double Low;
    public double Close;
    public long VolumeShares;
    public double AmountCny;
    public BarQuality Quality;

    public void Start(long day, int endSlot)
    {
        this = default;
        IsOpen = true;
        Day = day;
        EndSlot = endSlot;
    }

    public void Add(in Bar minute)
    {
        // Open, high and low come only from minutes that traded; flat minutes carry the close forward.
        if ((minute.Quality & BarQuality.Flat) == 0)
        {
            if (!Traded)
            {
                Traded = true;
                Open = minute.Open;
                High = minute.High;
                Low = minute.Low;
            }
            else
            {
                High = Math.Max(High, minute.High);
                Low = Math.Min(Low, minute.Low);
            }
        }

        Close = minute.Close;
        VolumeShares += minute.VolumeShares;
        AmountCny += minute.AmountCny;
        Quality |= minute.Quality & (BarQuality.Partial | BarQuality.LateVolume);
    }

    public readonly Bar ToBar(string symbol, BarPeriod period, long frameUnixMs) => Traded
        ? new Bar(symbol, period, frameUnixMs, Open, High, Low, Close, VolumeShares, AmountCny, Final: true, Quality)
        : new Bar(symbol, period, frameUnixMs, Close, Close, Close, Close, VolumeShares, AmountCny, Final: true, Quality | BarQuality.Flat);
}
