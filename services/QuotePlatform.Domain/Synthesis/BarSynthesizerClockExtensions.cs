namespace QuotePlatform.Domain.Synthesis;

public static class BarSynthesizerClockExtensions
{
    /// <summary>Live use: the watermark is the injected clock's now.</summary>
    public static void AdvanceWatermark(this BarSynthesizer synthesizer, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(clock);
        synthesizer.AdvanceWatermark(clock.GetUtcNow().ToUnixTimeMilliseconds());
    }
}
