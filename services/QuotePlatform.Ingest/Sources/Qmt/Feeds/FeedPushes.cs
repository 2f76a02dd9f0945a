using Microsoft.Extensions.Logging;

namespace QuotePlatform.Ingest.Sources.Qmt.Feeds;

/// <summary>
/// Where every feed of one connection hands its ticks: into the inbox (a push the full inbox refused
/// waits until xtquant's thread offers it again), noting when the last push came and the latest market
/// time it carried.
/// </summary>
internal sealed class FeedPushes(PushInbox inbox, QmtSourceStatistics statistics, TimeProvider clock, ILogger logger, CancellationToken stopping)
{
    private TickPush? _waiting;
    private long _lastPushTimestamp = clock.GetTimestamp();
    private long _lastMarketUnixMs = long.MinValue;

    public ILogger Logger => logger;

    /// <summary>Latest tick time delivered (the market clock as the feed showed it); MinValue before any.</summary>
    public long LastMarketUnixMs => Interlocked.Read(ref _lastMarketUnixMs);

    public TimeSpan SinceLastPush => clock.GetElapsedTime(Interlocked.Read(ref _lastPushTimestamp));

    public void ContinueFrom(long lastMarketUnixMs) => Interlocked.Exchange(ref _lastMarketUnixMs, lastMarketUnixMs);

    public void RestartSilenceClock() => Interlocked.Exchange(ref _lastPushTimestamp, clock.GetTimestamp());

    /// <summary>
    /// On xtquant's thread: decodes a callback (unless a refused push is waiting) and queues it; false
    /// tells the bridge to offer the same callback again. A failure is logged, never thrown into xtquant.
    /// </summary>
    public bool OnCallback(Func<SourceTick[]> decode)
    {
        try
        {
            return _waiting is { } waiting ? Offer(waiting, retry: true) : Deliver(decode());
        }
        catch (Exception ex)
        {
            QmtLog.CallbackFailed(logger, ex);
            return true;
        }
    }

    /// <summary>From the polling feed, which may wait for room.</summary>
    public async ValueTask DeliverAsync(SourceTick[] ticks, CancellationToken cancellationToken)
    {
        RestartSilenceClock();
        if (ticks.Length > 0)
        {
            statistics.OnCallback(ticks.Length);
            NoteMarketTime(ticks);
            await inbox.EnqueueAsync(new TickPush(clock.GetUtcNow().ToUnixTimeMilliseconds(), ticks), cancellationToken);
        }
    }

    private bool Deliver(SourceTick[] ticks)
    {
        RestartSilenceClock();
        statistics.OnCallback(ticks.Length);
        if (ticks.Length == 0)
        {
            return true;
        }

        NoteMarketTime(ticks);
        return Offer(new TickPush(clock.GetUtcNow().ToUnixTimeMilliseconds(), ticks), retry: false);
    }

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
}
