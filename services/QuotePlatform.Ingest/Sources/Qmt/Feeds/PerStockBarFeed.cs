using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt.Feeds;

/// <summary>
/// The first fallback: one subscribe_quote(period='1m') per stock (up to Ingest:Qmt:MaxPerStockSubscriptions),
/// whose forming bars become ticks through the day's minute history (<see cref="MinuteBarTicks"/>).
/// </summary>
internal sealed class PerStockBarFeed(XtDataModule xt, QmtOptions options, QmtSourceStatistics statistics, FeedPushes pushes) : IDisposable
{
    private readonly List<int> _seqs = [];
    private readonly Lock _gate = new();
    private MinuteBarTicks _barTicks = new();
    private PyObject? _callback;

    /// <summary>Seeds the conversion from the day's history, see <see cref="MinuteBarBackfill"/>.</summary>
    public void UseBarTicks(MinuteBarTicks seeded)
    {
        lock (_gate)
        {
            _barTicks = seeded;
        }
    }

    /// <summary>How many stocks QMT accepted.</summary>
    public int Subscribe(string[] codes)
    {
        _callback = xt.BarCallback(OnBars);
        var attempted = Math.Min(codes.Length, options.MaxPerStockSubscriptions);
        for (var i = 0; i < attempted; i++)
        {
            try
            {
                var seq = xt.SubscribeQuote(codes[i], _callback);
                if (seq > 0)
                {
                    _seqs.Add(seq);
                }
            }
            catch (PythonException)
            {
                // Counted as refused below.
            }
        }

        var accepted = _seqs.Count;
        statistics.PerStockAttempted = attempted;
        statistics.PerStockAccepted = accepted;
        var rate = attempted == 0 ? 0 : (double)accepted / attempted;
        QmtLog.PerStockSubscribed(pushes.Logger, accepted, attempted, rate, attempted - accepted, codes.Length - attempted, options.MaxPerStockSubscriptions);
        return accepted;
    }

    private bool OnBars(long codesAddress, long codesLength, long valuesAddress, long valuesCount) => pushes.OnCallback(() =>
    {
        var (codes, values) = PackedReader.Read(codesAddress, codesLength, valuesAddress, valuesCount, xt.BarWidth);
        var ticks = new List<SourceTick>(codes.Length * 2);
        lock (_gate)
        {
            for (var i = 0; i < codes.Length; i++)
            {
                _barTicks.Append(codes[i], values.AsSpan(i * xt.BarWidth, xt.BarWidth), ticks);
            }
        }

        return [.. ticks];
    });

    public void Dispose()
    {
        xt.UnsubscribeAll(_seqs, pushes.Logger);
        _seqs.Clear();
        if (_callback is not null)
        {
            using (Py.GIL())
            {
                _callback.Dispose();
            }

            _callback = null;
        }
    }
}
