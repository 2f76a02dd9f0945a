using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Python.Runtime;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.History;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Ingest.Sources.Qmt.Recording;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>
/// Whole-market ticks from a QMT terminal through xtquant.xtdata, loaded into this process by
/// pythonnet (or the simulated xtdata on Linux). Connects, checks the link, subscribes (whole
/// market, else per stock, else polling), watches the link and, when it is lost, reconnects with
/// back-off, backfills the missed minutes and subscribes again. After the close it compares the
/// ingest's 1m bars with QMT's (<see cref="AfterCloseComparison"/>). In the ingest service it also
/// sends the trading calendar and imports the trading days it missed (<see cref="HistorySync"/>).
/// </summary>
public sealed class QmtTickSource(
    PythonRuntime runtime,
    IOptions<QmtOptions> options,
    QmtSourceStatistics statistics,
    AfterCloseComparison comparison,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider clock,
    ILogger<QmtTickSource> logger,
    HistorySync? history = null) : ITickSource
{
    public const string ReconnectPipeline = "qmt-reconnect";
    private static readonly long SessionStart = BeijingTime.At(9, 15);
    private int _connections;

    public async Task RunAsync(ChannelWriter<TickPush> pushes, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        runtime.EnsureStarted();
        using var xt = await Task.Run(() => new XtDataModule(settings.ModuleName), cancellationToken);
        QmtLog.ModuleLoaded(logger, settings.ModuleName, xt.ModuleFile);
        using var recorder = settings.RecordPath is { Length: > 0 } path ? new PushRecorder(path) : null;
        if (recorder is not null)
        {
            QmtLog.Recording(logger, settings.RecordPath!);
        }

        var inbox = new PushInbox(settings.InboxCapacity, statistics, logger);
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = inbox.PumpAsync(pushes, recorder, pumpStop.Token);
        var reconnect = pipelines.GetPipeline(ReconnectPipeline);
        var lastMarketUnixMs = long.MinValue;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var subscriptions = await reconnect.ExecuteAsync(
                    async token => await Task.Run(() => Connect(xt, settings, inbox, lastMarketUnixMs, token), token),
                    cancellationToken);
                await using (subscriptions)
                {
                    var reason = await WatchAsync(xt, settings, subscriptions, cancellationToken);
                    lastMarketUnixMs = Math.Max(lastMarketUnixMs, subscriptions.LastMarketUnixMs);
                    statistics.SetMode(QmtMode.NotConnected);
                    if (reason is null)
                    {
                        break;
                    }

                    statistics.OnLinkLost();
                    QmtLog.LinkLost(logger, reason);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            inbox.Complete();
            await pump.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private QmtSubscriptions Connect(XtDataModule xt, QmtOptions settings, PushInbox inbox, long lastMarketUnixMs, CancellationToken cancellationToken)
    {
        string serverInfo;
        try
        {
            serverInfo = xt.Connect();
        }
        catch (PythonException ex)
        {
            throw new QmtLinkLostException($"connect() failed: {ex.Message}");
        }

        QmtLog.Connected(logger, Interlocked.Increment(ref _connections), serverInfo);
        CheckLink(xt, settings);
        var codes = LoadStockList(xt, settings);
        var subscriptions = new QmtSubscriptions(xt, settings, inbox, statistics, clock, logger, cancellationToken);
        try
        {
            subscriptions.ContinueFrom(lastMarketUnixMs);
            if (lastMarketUnixMs != long.MinValue)
            {
                var backfill = Backfill(xt, codes, lastMarketUnixMs);
                subscriptions.UseBarTicks(backfill.Converter);
                foreach (var push in backfill.Pushes)
                {
                    inbox.EnqueueAsync(push, cancellationToken).AsTask().GetAwaiter().GetResult();
                }
            }

            var mode = subscriptions.Subscribe(codes, () => Backfill(xt, codes, long.MaxValue).Converter);
            statistics.SetMode(mode);
            history?.OnConnected(xt, MarketNow(xt), cancellationToken);
            return subscriptions;
        }
        catch
        {
            subscriptions.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private void CheckLink(XtDataModule xt, QmtOptions settings)
    {
        var (codes, values) = xt.FullTick([settings.LinkCheckSymbol]);
        if (codes.Length == 0)
        {
            throw new QmtLinkLostException($"link check: get_full_tick returned nothing for {settings.LinkCheckSymbol}");
        }

        var tick = PackedTicks.Decode(codes, values, xt.TickWidth)[0].Tick;
        QmtLog.LinkChecked(logger, settings.LinkCheckSymbol, tick.LastPrice, tick.VolumeLots,
            DateTimeOffset.FromUnixTimeMilliseconds(tick.TimeUnixMs).ToOffset(BeijingTime.Offset));
    }

    private string[] LoadStockList(XtDataModule xt, QmtOptions settings)
    {
        var codes = xt.StockList(settings.SectorList);
        var sectors = string.Join(", ", settings.SectorList);
        if (codes.Length == 0)
        {
            throw new QmtLinkLostException($"get_stock_list_in_sector of {sectors} returned no instruments");
        }

        var sorted = codes.Order(StringComparer.Ordinal).ToArray();
        var shanghai = codes.Count(code => code.EndsWith(".SH", StringComparison.Ordinal));
        var shenzhen = codes.Count(code => code.EndsWith(".SZ", StringComparison.Ordinal));
        QmtLog.StockList(logger, sectors, codes.Length, sorted[0], sorted[^1], shanghai, shenzhen, codes.Length - shanghai - shenzhen);
        return codes;
    }

    private MinuteBarBackfill Backfill(XtDataModule xt, string[] codes, long afterUnixMs)
    {
        var now = MarketNow(xt);
        var day = DateTimeOffset.FromUnixTimeMilliseconds(now).ToOffset(BeijingTime.Offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var (barCodes, values) = xt.MinuteBars(codes, day);
        var backfill = MinuteBarBackfill.Build(barCodes, values, xt.BarWidth, afterUnixMs, now, clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (afterUnixMs != long.MaxValue)
        {
            var ticks = backfill.Pushes.Sum(push => push.Ticks.Count);
            statistics.OnBackfill(ticks);
            QmtLog.Backfilled(logger, backfill.Bars, backfill.Minutes,
                DateTimeOffset.FromUnixTimeMilliseconds(afterUnixMs).ToOffset(BeijingTime.Offset), ticks);
        }

        return backfill;
    }

    /// <summary>Null when stopping; otherwise why the link counts as lost.</summary>
    private async Task<string?> WatchAsync(XtDataModule xt, QmtOptions settings, QmtSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.LinkCheckInterval, clock);
        var quietSince = clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (subscriptions.Polling is { IsFaulted: true } polling)
                {
                    return $"polling get_full_tick failed: {polling.Exception?.GetBaseException().Message}";
                }

                if (!await Task.Run(xt.IsConnected, cancellationToken))
                {
                    return "xtquant reports the connection closed";
                }

                var marketNow = await Task.Run(() => MarketNow(xt), cancellationToken);
                await Task.Run(() => comparison.Poll(xt, marketNow), cancellationToken);
                if (history is not null)
                {
                    await Task.Run(() => history.Poll(xt, marketNow, cancellationToken), cancellationToken);
                }

                // Silence counts only while the market is open (not before 09:15, at lunch or after 15:00).
                if (!InSession(marketNow))
                {
                    quietSince = clock.GetTimestamp();
                    continue;
                }

                var silence = TimeSpan.FromTicks(Math.Min(subscriptions.SinceLastPush.Ticks, clock.GetElapsedTime(quietSince).Ticks));
                if (silence > settings.StallTimeout)
                {
                    return $"no push for {silence.TotalSeconds:F1} s during trading hours (limit {settings.StallTimeout.TotalSeconds:F1} s)";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <summary>The simulator's clock when it has one, else now.</summary>
    private long MarketNow(XtDataModule xt) =>
        (xt.HasMarketClock ? xt.MarketTimeUnixMs() : null) ?? clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static bool InSession(long unixMs)
    {
        var time = BeijingTime.MillisecondOfDay(unixMs);
        return (time >= SessionStart && time < TradingSession.MorningClose)
            || (time >= TradingSession.AfternoonOpen && time < TradingSession.Close);
    }
}
