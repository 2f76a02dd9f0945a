namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>What the QMT source has done so far, for the ingest report (written from xtquant's thread).</summary>
public sealed class QmtSourceStatistics
{
    private long _callbacks;
    private long _ticks;
    private long _inboxFull;
    private long _channelFull;
    private long _linkLosses;
    private long _backfilledTicks;
    private int _mode;

    public QmtMode Mode => (QmtMode)Volatile.Read(ref _mode);

    /// <summary>Callbacks from xtquant (and polls that found news).</summary>
    public long Callbacks => Interlocked.Read(ref _callbacks);

    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Pushes that found the source's own queue full; xtquant's thread then waited.</summary>
    public long InboxFull => Interlocked.Read(ref _inboxFull);

    /// <summary>Pushes that found the pipeline's channel full; the source then waited.</summary>
    public long ChannelFull => Interlocked.Read(ref _channelFull);

    public long LinkLosses => Interlocked.Read(ref _linkLosses);

    public long BackfilledTicks => Interlocked.Read(ref _backfilledTicks);

    /// <summary>Per-stock 1m subscriptions tried and accepted in the last per-stock fallback.</summary>
    public int PerStockAttempted { get; internal set; }

    public int PerStockAccepted { get; internal set; }

    internal void SetMode(QmtMode mode) => Volatile.Write(ref _mode, (int)mode);

    internal void OnCallback(int ticks)
    {
        Interlocked.Increment(ref _callbacks);
        Interlocked.Add(ref _ticks, ticks);
    }

    internal void OnInboxFull() => Interlocked.Increment(ref _inboxFull);

    internal void OnChannelFull() => Interlocked.Increment(ref _channelFull);

    internal void OnLinkLost() => Interlocked.Increment(ref _linkLosses);

    internal void OnBackfill(int ticks) => Interlocked.Add(ref _backfilledTicks, ticks);
}
