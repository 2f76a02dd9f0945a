using Microsoft.Extensions.Logging;

namespace QuotePlatform.Ingest.Sources.Qmt;

internal static partial class QmtLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "xtdata module {Module} loaded from {File}")]
    public static partial void ModuleLoaded(ILogger logger, string module, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to QMT (connection {Count}): {ServerInfo}")]
    public static partial void Connected(ILogger logger, int count, string serverInfo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link check {Symbol}: last price {LastPrice}, volume {VolumeLots} lots, tick time {TickTime:O}")]
    public static partial void LinkChecked(ILogger logger, string symbol, double lastPrice, long volumeLots, DateTimeOffset tickTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sectors {Sectors}: {Count} instruments, {First} .. {Last}; Shanghai {Shanghai}, Shenzhen {Shenzhen}, other {Other}")]
    public static partial void StockList(ILogger logger, string sectors, int count, string first, string last, int shanghai, int shenzhen, int other);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed the whole market with one subscribe_whole_quote call (subscription {Seq}, {Count} instruments)")]
    public static partial void WholeQuoteSubscribed(ILogger logger, int seq, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "subscribe_whole_quote refused ({Reason}); falling back to per-stock subscribe_quote(period='1m')")]
    public static partial void WholeQuoteRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Per-stock 1m subscriptions: {Accepted} of {Attempted} accepted ({Rate:P1}); {Refused} refused, {Skipped} instruments beyond the limit of {Limit}")]
    public static partial void PerStockSubscribed(ILogger logger, int accepted, int attempted, double rate, int refused, int skipped, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every per-stock subscription was refused; polling get_full_tick every {Interval}")]
    public static partial void PollingFallback(ILogger logger, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QMT link lost: {Reason}; reconnecting")]
    public static partial void LinkLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} failed ({Error}); next in {Delay}")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Bars} missed 1m bars ({Minutes} minutes after {Since:O}) from get_market_data_ex as {Ticks} ticks")]
    public static partial void Backfilled(ILogger logger, int bars, int minutes, DateTimeOffset since, int ticks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushes are queueing up: the {Queue} is full ({Count} times so far); xtquant's thread waits rather than drop")]
    public static partial void QueueFull(ILogger logger, string queue, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a QMT callback failed; the push is lost")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing {Seq} failed")]
    public static partial void UnsubscribeFailed(ILogger logger, int seq, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording pushes to {Path}")]
    public static partial void Recording(ILogger logger, string path);
}
