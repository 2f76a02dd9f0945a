using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Backfill;

/// <summary>Keeps the roll-up bars the aggregator derives (it passes the 1m bars on too: those are already stored).</summary>
internal sealed class RollupCollector : IBarSink
{
    public List<Bar> Bars { get; } = [];

    public void OnBar(in Bar bar)
    {
        if (bar.Period != BarPeriod.OneMinute)
        {
            Bars.Add(bar);
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
