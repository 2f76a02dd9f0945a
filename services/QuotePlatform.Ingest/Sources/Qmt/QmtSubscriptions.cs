using Microsoft.Extensions.Logging;
using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>
/// The subscriptions of one connection: whole market if QMT allows it, else one 1m subscription per
/// stock, else polling get_full_tick. Its callbacks run on xtquant's thread and only convert and enqueue.
/// </summary>
internal sealed class QmtSubscriptions(
    XtDataModule xt,
    QmtOptions options,
    PushInbox inbox,
    QmtSourceStatistics statistics,
    TimeProvider clock,
    ILogger logger,
    CancellationToken stopping) : IDisposable
{
    private readonly List<int> _seqs = [];
    private readonly Lock _barGate = new();
    private MinuteBarTicks _barTicks = new();
    private PyObject? _barCallback;
    private TickPush? _waiting;
    private long _lastPushTimestamp = clock.GetTimestamp();
    private long _lastMarketUnixMs = long.MinValue;
    private Task? _polling;
    private CancellationTokenSource? _pollingStop;

    /// <summary>Latest tick time delivered (the market clock as the feed showed it); MinValue before any.</summary>
    public long LastMarketUnixMs => Interlocked.Read(ref _lastMarketUnixMs);

    public TimeSpan SinceLastPush => clock.GetElapsedTime(Interlocked.Read(ref _lastPushTimestamp));

    /// <summary>Polling failed for good (the link is gone).</summary>
    public Task? Polling => _polling;

    /// <summary>Carries the previous connection's market position, so a reconnect backfills from there.</summary>
    public void ContinueFrom(long lastMarketUnixMs) => Interlocked.Exchange(ref _lastMarketUnixMs, lastMarketUnixMs);

    /// <summary>Seeds per-stock conversion from the day's history, see <see cref="MinuteBarBackfill"/>.</summary>
    public void UseBarTicks(MinuteBarTicks seeded)
    {
        lock (_barGate)
        {
            _barTicks = seeded;
        }
    }

    public QmtMode Subscribe(string[] codes, Func<MinuteBarTicks> seedBarTicks)
    {
        _lastPushTimestamp = clock.GetTimestamp();
        var refusal = TryWholeQuote(codes);
        if (refusal is null)
        {
            return QmtMode.WholeQuote;
        }

        QmtLog.WholeQuoteRefused(logger, refusal);
        UseBarTicks(seedBarTicks());
        if (SubscribePerStock(codes) > 0)
        {
            return QmtMode.PerStockMinuteBars;
        }

        QmtLog.PollingFallback(logger, options.PushInterval);
        _pollingStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _polling = Task.Run(() => PollAsync(codes, _pollingStop.Token), CancellationToken.None);
        return QmtMode.PollingFullTick;
    }

    private string? TryWholeQuote(string[] codes)
    {
        try
        {
            var seq = xt.SubscribeWholeQuote(codes, OnTicks);
            if (seq <= 0)
            {
                return $"returned {seq}";
            }

            _seqs.Add(seq);
            QmtLog.WholeQuoteSubscribed(logger, seq, codes.Length);
            return null;
        }
        catch (PythonException ex)
        {
            return ex.Message;
        }
    }

    private int SubscribePerStock(string[] codes)
    {
        _barCallback = xt.BarCallback(OnBars);
        var attempted = Math.Min(codes.Length, options.MaxPerStockSubscriptions);
        var accepted = 0;
        for (var i = 0; i < attempted; i++)
        {
            try
            {
                var seq = xt.SubscribeQuote(codes[i], _barCallback);
                if (seq > 0)
                {
                    _seqs.Add(seq);
                    accepted++;
                }
            }
            catch (PythonException)
            {
                // Counted as refused below.
            }
        }

        statistics.PerStockAttempted = attempted;
        statistics.PerStockAccepted = accepted;
        var rate = attempted == 0 ? 0 : (double)accepted / attempted;
        QmtLog.PerStockSubscribed(logger, accepted, attempted, rate, attempted - accepted, codes.Length - attempted, options.MaxPerStockSubscriptions);
        return accepted;
    }

    private bool OnTicks(long codesAddress, long codesLength, long valuesAddress, long valuesCount)
    {
        try
        {
            if (_waiting is { } waiting)
            {
                return Offer(waiting, retry: true);
            }

            var (codes, values) = PackedReader.Read(codesAddress, codesLength, valuesAddress, valuesCount, xt.TickWidth);
            return Deliver(PackedTicks.Decode(codes, values, xt.TickWidth));
        }
        catch (Exception ex)
        {
            QmtLog.CallbackFailed(logger, ex);
            return true;
        }
    }

    private bool OnBars(long codesAddress, long codesLength, long valuesAddress, long valuesCount)
    {
        try
        {
            if (_waiting is { } waiting)
            {
                return Offer(waiting, retry: true);
            }

            var (codes, values) = PackedReader.Read(codesAddress, codesLength, valuesAddress, valuesCount, xt.BarWidth);
            var ticks = new List<SourceTick>(codes.Length * 2);
            lock (_barGate)
            {
                for (var i = 0; i < codes.Length; i++)
                {
                    _barTicks.Append(codes[i], values.AsSpan(i * xt.BarWidth, xt.BarWidth), ticks);
                }
            }

            return Deliver([.. ticks]);
        }
        catch (Exception ex)
        {
            QmtLog.CallbackFailed(logger, ex);
            return true;
        }
    }

    private bool Deliver(SourceTick[] ticks)
    {
        Interlocked.Exchange(ref _lastPushTimestamp, clock.GetTimestamp());
        statistics.OnCallback(ticks.Length);
        if (ticks.Length == 0)
        {
            return true;
        }

        NoteMarketTime(ticks);
        return Offer(new TickPush(clock.GetUtcNow().ToUnixTimeMilliseconds(), ticks), retry: false);
    }

    /// <summary>A push the full queue refused waits here until the bridge offers it again (same callback, decoded once).</summary>
    private bool Offer(TickPush push, bool retry)
    {
        var queued = inbox.TryEnqueue(push, retry, stopping);
        _waiting = queued ? null : push;
        return queued;
    }

    private void NoteMarketTime(SourceTick[] ticks)
    {
        var latest = LastMarketUnixMs;
        foreach (var tick in ticks)
        {
            latest = Math.Max(latest, tick.Tick.TimeUnixMs);
        }

        Interlocked.Exchange(ref _lastMarketUnixMs, latest);
    }

    /// <summary>The last fallback: ask for the whole market every push interval and pass on what changed.</summary>
    private async Task PollAsync(string[] codes, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, (long Time, long Volume)>(codes.Length, StringComparer.Ordinal);
        using var timer = new PeriodicTimer(options.PushInterval, clock);
        do
        {
            var (tickCodes, values) = xt.FullTick(codes);
            var changed = PackedTicks.Decode(tickCodes, values, xt.TickWidth)
                .Where(tick => !seen.TryGetValue(tick.Symbol, out var last) || last != (tick.Tick.TimeUnixMs, tick.Tick.VolumeLots))
                .ToArray();
            foreach (var tick in changed)
            {
                seen[tick.Symbol] = (tick.Tick.TimeUnixMs, tick.Tick.VolumeLots);
            }

            Interlocked.Exchange(ref _lastPushTimestamp, clock.GetTimestamp());
            if (changed.Length > 0)
            {
                statistics.OnCallback(changed.Length);
                NoteMarketTime(changed);
                await inbox.EnqueueAsync(new TickPush(clock.GetUtcNow().ToUnixTimeMilliseconds(), changed), cancellationToken);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>Ends every subscription of this connection (errors are logged: the link may be gone).</summary>
    public void Dispose()
    {
        _pollingStop?.Cancel();
        foreach (var seq in _seqs)
        {
            try
            {
                xt.Unsubscribe(seq);
            }
            catch (PythonException ex)
            {
                QmtLog.UnsubscribeFailed(logger, seq, ex);
            }
        }

        _seqs.Clear();
        try
        {
            _polling?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Its failure was the reason to stop.
        }

        _pollingStop?.Dispose();
        if (_barCallback is not null)
        {
            using (Py.GIL())
            {
                _barCallback.Dispose();
            }
        }
    }
}
