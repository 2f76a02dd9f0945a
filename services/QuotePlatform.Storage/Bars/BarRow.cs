namespace QuotePlatform.Storage.Bars;

/// <summary>One row of the bars table. <see cref="Version"/> orders redeliveries and corrections.</summary>
public readonly record struct BarRow(
    string Symbol,
    byte Period,
    long FrameUnixMs,
    double Open,
    double High,
    double Low,
    double Close,
    long VolumeShares,
    double AmountCny,
    uint QualityFlags,
    ulong Version)
{
    public DateTime Frame => DateTime.UnixEpoch.AddMilliseconds(FrameUnixMs);

    public object[] ToValues() =>
        [Symbol, Period, Frame, Open, High, Low, Close, VolumeShares, AmountCny, QualityFlags, Version];
}
