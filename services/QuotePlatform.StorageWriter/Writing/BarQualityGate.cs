using Microsoft.Extensions.Options;
using QuotePlatform.ContractMapping;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Storage;
using QuotePlatform.StorageWriter.Telemetry;

namespace QuotePlatform.StorageWriter.Writing;

/// <summary>
/// The relay's rules once more before a bar becomes permanent (defence in depth), and the store's
/// retention: a bar the TTL would drop at insert is refused here instead, counted by reason, so it
/// never vanishes without a word (the relay refuses most of them before acknowledging; this catches
/// the rest, e.g. a writer that ran far behind).
/// </summary>
public sealed class BarQualityGate(WriterMetrics metrics, IOptions<StorageOptions> storage, TimeProvider time)
{
    /// <summary>The time an insert may still take after the check.</summary>
    public static readonly TimeSpan RetentionMargin = TimeSpan.FromMinutes(1);

    private readonly RetentionLimits _limits = storage.Value.Limits();

    public bool Accepts(Contracts.MarketData.V1.Bar bar)
    {
        var period = (BarPeriod)bar.Period;
        var rejection = bar.Validate()
            ?? _limits.Check(period, bar.FrameUnixMs, time.GetUtcNow().ToUnixTimeMilliseconds(), RetentionMargin);
        if (rejection is not { } refused)
        {
            return true;
        }

        metrics.QualityRejected(RetentionLimits.CountKey(refused.Reason, period));
        return false;
    }

    /// <summary>A tick the archive's TTL would drop at insert is refused, counted as "beyond_retention_tick".</summary>
    public bool AcceptsTick(Contracts.MarketData.V1.Tick tick)
    {
        if (_limits.CheckTick(tick.TimeUnixMs, time.GetUtcNow().ToUnixTimeMilliseconds(), RetentionMargin) is not { } refused)
        {
            return true;
        }

        metrics.QualityRejected($"{refused.Reason}_tick");
        return false;
    }
}
