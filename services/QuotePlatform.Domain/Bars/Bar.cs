namespace QuotePlatform.Domain.Bars;

/// <summary>
/// One OHLCV bar labelled by its END (<see cref="FrameUnixMs"/>, epoch ms UTC; for 1d the trading
/// date at 00:00 Beijing). Volume is in shares, amount in CNY.
/// </summary>
public readonly record struct Bar(
    string Symbol,
    BarPeriod Period,
    long FrameUnixMs,
    double Open,
    double High,
    double Low,
    double Close,
    long VolumeShares,
    double AmountCny,
    bool Final,
    BarQuality Quality);
