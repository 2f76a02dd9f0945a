using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Domain.Tests.Support;

/// <summary>Keeps every bar and day-close signal, in order.</summary>
internal sealed class RecordingSink : IBarSink
{
    public List<Bar> Bars { get; } = [];

    public List<long> ClosedDays { get; } = [];

    public IEnumerable<Bar> Finals(BarPeriod period = BarPeriod.OneMinute) => Bars.Where(b => b.Final && b.Period == period);

    public IEnumerable<Bar> Forming => Bars.Where(b => !b.Final);

    public void OnBar(in Bar bar) => Bars.Add(bar);

    public void OnDayClosed(long dayStartUnixMs) => ClosedDays.Add(dayStartUnixMs);
}
