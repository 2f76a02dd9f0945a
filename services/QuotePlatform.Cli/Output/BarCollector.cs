using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Output;

/// <summary>
/// Keeps the final bars of the requested periods until the end, because the output is ordered by
/// period, symbol and frame while bars are produced minute by minute. Ticks stream; bars are held
/// (about 317 bars per symbol and day, ~130 MB for a full-market day).
/// </summary>
internal sealed class BarCollector(IReadOnlyCollection<BarPeriod> periods) : IBarSink
{
    private readonly Dictionary<BarPeriod, Dictionary<string, List<Bar>>> _bars =
        periods.ToDictionary(p => p, _ => new Dictionary<string, List<Bar>>(StringComparer.Ordinal));

    public void OnBar(in Bar bar)
    {
        if (!bar.Final || !_bars.TryGetValue(bar.Period, out var bySymbol))
        {
            return;
        }

        if (!bySymbol.TryGetValue(bar.Symbol, out var list))
        {
            list = [];
            bySymbol.Add(bar.Symbol, list);
        }

        list.Add(bar);
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    public long Count(BarPeriod period) => _bars.TryGetValue(period, out var bySymbol) ? bySymbol.Values.Sum(l => (long)l.Count) : 0;

    /// <summary>Every kept bar by period (shortest first), symbol (ordinal), frame.</summary>
    public IEnumerable<Bar> Ordered()
    {
        foreach (var period in _bars.Keys.Order())
        {
            foreach (var (_, bars) in _bars[period].OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                bars.Sort((a, b) => a.FrameUnixMs.CompareTo(b.FrameUnixMs));
                foreach (var bar in bars)
                {
                    yield return bar;
                }
            }
        }
    }
}
