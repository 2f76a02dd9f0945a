using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>Records the engine's final 1m bars in the <see cref="MinuteBook"/> on their way to <paramref name="next"/>.</summary>
public sealed class MinuteBookSink(MinuteBook book, IBarSink? next) : IBarSink
{
    public void OnBar(in Bar bar)
    {
        book.Record(bar);
        next?.OnBar(bar);
    }

    public void OnDayClosed(long dayStartUnixMs) => next?.OnDayClosed(dayStartUnixMs);
}
