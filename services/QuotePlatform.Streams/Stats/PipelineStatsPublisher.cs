using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuotePlatform.Streams.Hosting;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Stats;

/// <summary>
/// Every Streams:StatsInterval, publishes the service's totals and its bar rate over the interval
/// for the admin API. The hash lives three intervals, so a crashed instance disappears by itself;
/// a stopping one removes its own.
/// </summary>
public sealed partial class PipelineStatsPublisher(
    IPipelineStatsSource source,
    PipelineStatsStore store,
    IOptions<RedisStreamsOptions> options,
    TimeProvider time,
    ILogger<PipelineStatsPublisher> logger) : BackgroundService
{
    private readonly long _startedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StatsInterval;
        using var timer = new PeriodicTimer(interval, time);
        var previous = (Bars: 0L, At: time.GetTimestamp());
        try
        {
            do
            {
                try
                {
                    var totals = await source.ReadAsync(stoppingToken);
                    var seconds = Math.Max(time.GetElapsedTime(previous.At).TotalSeconds, 0.001);
                    var rate = (totals.Bars - previous.Bars) / seconds;
                    previous = (totals.Bars, time.GetTimestamp());
                    await store.WriteAsync(
                        new PublishedStats(source.Service, source.Instance, time.GetUtcNow().ToUnixTimeMilliseconds(), _startedUnixMs, rate, totals),
                        interval * 3);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
                {
                    LogPublishFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.RemoveAsync(source.Service, source.Instance).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort (the connection may already be closed when the host stops): it expires by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish pipeline statistics")]
    private partial void LogPublishFailed(Exception exception);
}
