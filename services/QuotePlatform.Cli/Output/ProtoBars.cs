using ContractBar = QuotePlatform.Contracts.MarketData.V1.Bar;
using DomainBar = QuotePlatform.Domain.Bars.Bar;

namespace QuotePlatform.Cli.Output;

/// <summary>Bars from the query service as the domain's bars, which the writers take.</summary>
internal static class ProtoBars
{
    // BarPeriod and BarQuality mirror the proto enums value for value, so a cast maps them.
    public static DomainBar ToDomain(this ContractBar bar) => new(
        bar.Symbol,
        (Domain.Bars.BarPeriod)(int)bar.Period,
        bar.FrameUnixMs,
        bar.Open,
        bar.High,
        bar.Low,
        bar.Close,
        bar.VolumeShares,
        bar.AmountCny,
        bar.Final,
        (Domain.Bars.BarQuality)bar.QualityFlags);
}
