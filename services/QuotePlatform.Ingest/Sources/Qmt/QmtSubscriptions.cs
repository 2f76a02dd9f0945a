using Microsoft.Extensions.Logging;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Feeds;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>
/// The feed of one connection: the whole market if QMT allows it (<see cref="WholeQuoteFeed"/>), else one
/// 1m subscription per stock (<see cref="PerStockBarFeed"/>), else polling get_full_tick
/// (<see cref="FullTickPollingFeed"/>). Callbacks run on xtquant's thread and only convert and enqueue.
/// </summary>
internal sealed class QmtSubscriptions : IAsyncDisposable
{
    private readonly XtDataModule _xt;
    private readonly QmtOptions _options;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _stopping;
    private readonly FeedPushes _pushes;
    private readonly WholeQuoteFeed _wholeQuote;
    private readonly PerStockBarFeed _perStock;
    private FullTickPollingFeed? _polling;

    public QmtSubscriptions(
        XtDataModule xt, QmtOptions options, PushInbox inbox, QmtSourceStatistics statistics, TimeProvider clock, ILogger logger, CancellationToken stopping)
    {
        (_xt, _options, _clock, _stopping) = (xt, options, clock, stopping);
        _pushes = new FeedPushes(inbox, statistics, clock, logger, stopping);
        _wholeQuote = new WholeQuoteFeed(xt, _pushes);
        _perStock = new PerStockBarFeed(xt, options, statistics, _pushes);
    }

    /// <summary>Latest tick time delivered (the market clock as the feed showed it); MinValue before any.</summary>
    public long LastMarketUnixMs => _pushes.LastMarketUnixMs;

    public TimeSpan SinceLastPush => _pushes.SinceLastPush;

    /// <summary>The polling fallback's loop, if it runs: it faults when the link is gone.</summary>
    public Task? Polling => _polling?.Polling;

    /// <summary>Carries the previous connection's market position, so a reconnect backfills from there.</summary>
    public void ContinueFrom(long lastMarketUnixMs) => _pushes.ContinueFrom(lastMarketUnixMs);

    /// <summary>Seeds per-stock conversion from the day's history, see <see cref="MinuteBarBackfill"/>.</summary>
    public void UseBarTicks(MinuteBarTicks seeded) => _perStock.UseBarTicks(seeded);

    public QmtMode Subscribe(string[] codes, Func<MinuteBarTicks> seedBarTicks)
    {
        _pushes.RestartSilenceClock();
        var refusal = _wholeQuote.TrySubscribe(codes);
        if (refusal is null)
        {
            return QmtMode.WholeQuote;
        }

        QmtLog.WholeQuoteRefused(_pushes.Logger, refusal);
        UseBarTicks(seedBarTicks());
        if (_perStock.Subscribe(codes) > 0)
        {
            return QmtMode.PerStockMinuteBars;
        }

        QmtLog.PollingFallback(_pushes.Logger, _options.PushInterval);
        _polling = new FullTickPollingFeed(_xt, _options, _clock, _pushes, _stopping);
        _polling.Start(codes);
        return QmtMode.PollingFullTick;
    }

    /// <summary>Ends every subscription of this connection (errors are logged: the link may be gone).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_polling is not null)
        {
            await _polling.DisposeAsync();
        }

        _wholeQuote.Dispose();
        _perStock.Dispose();
    }
}
