using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Relay.Validation;

/// <summary>Maps a wire bar onto the domain validator (the domain knows no protobuf).</summary>
public static class BarChecks
{
    public static BarRejection? Validate(Contracts.MarketData.V1.Bar bar) => BarValidator.Validate(
        bar.Symbol, (BarPeriod)(int)bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny);
}
