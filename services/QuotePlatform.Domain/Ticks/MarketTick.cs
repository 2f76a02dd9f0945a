namespace QuotePlatform.Domain.Ticks;

/// <summary>
/// The fields of one xtquant whole-quote snapshot that bars are made from. Volume and amount are
/// cumulative for the day (volume in lots of 100 shares); high/low are the day's extremes so far.
/// </summary>
public readonly record struct MarketTick(
    long TimeUnixMs,
    double LastPrice,
    double High,
    double Low,
    double LastClose,
    double Amount,
    long VolumeLots,
    int Status);
