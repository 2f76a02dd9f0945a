using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using BarQuality = QuotePlatform.Domain.Bars.BarQuality;
using DomainBar = QuotePlatform.Domain.Bars.Bar;
using WireBar = QuotePlatform.Contracts.MarketData.V1.Bar;

namespace QuotePlatform.ContractMapping;

/// <summary>
/// Bars between the wire and the domain. <see cref="BarPeriod"/> and <see cref="BarQuality"/> mirror the
/// proto enums value for value (BarContractsTests checks it), so a cast maps them.
/// </summary>
public static class BarContracts
{
    public static Period ToContract(this BarPeriod period) => (Period)(int)period;

    public static BarPeriod ToDomain(this Period period) => (BarPeriod)(int)period;

    /// <summary>The wire bar; the amount is rounded to the fen, as stored.</summary>
    public static WireBar ToContract(this in DomainBar bar) => new()
    {
        Symbol = bar.Symbol,
        Period = bar.Period.ToContract(),
        FrameUnixMs = bar.FrameUnixMs,
        Open = bar.Open,
        High = bar.High,
        Low = bar.Low,
        Close = bar.Close,
        VolumeShares = bar.VolumeShares,
        AmountCny = Math.Round(bar.AmountCny, 2),
        Final = bar.Final,
        QualityFlags = (uint)bar.Quality,
    };

    public static DomainBar ToDomain(this WireBar bar) => new(
        bar.Symbol,
        bar.Period.ToDomain(),
        bar.FrameUnixMs,
        bar.Open,
        bar.High,
        bar.Low,
        bar.Close,
        bar.VolumeShares,
        bar.AmountCny,
        bar.Final,
        (BarQuality)bar.QualityFlags);

    /// <summary>The domain's checks of a bar as it arrived on the wire; null when it is possible.</summary>
    public static BarRejection? Validate(this WireBar bar) => BarValidator.Validate(
        bar.Symbol, bar.Period.ToDomain(), bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny);
}
