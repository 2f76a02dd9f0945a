using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.StorageWriter.Telemetry;

namespace QuotePlatform.StorageWriter.Writing;

/// <summary>The relay's rules once more before a bar becomes permanent: defence in depth, counted by reason.</summary>
public sealed class BarQualityGate(WriterMetrics metrics)
{
    public bool Accepts(Contracts.MarketData.V1.Bar bar)
    {
        if (BarValidator.Validate(bar.Symbol, (BarPeriod)bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close,
                bar.VolumeShares, bar.AmountCny) is not { } rejection)
        {
            return true;
        }

        metrics.QualityRejected(rejection.Reason);
        return false;
    }
}
