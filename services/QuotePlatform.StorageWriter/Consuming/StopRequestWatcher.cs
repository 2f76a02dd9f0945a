using Microsoft.Extensions.Options;
using QuotePlatform.Streams.Control;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>
/// Honours the admin API's "stop consumer": when this instance is asked to stop, the application
/// stops (the worker stores and acks the batch in hand, as on any shutdown), then this service,
/// stopping after the worker, hands any entries still pending to another consumer of the group,
/// leaves the group and clears the request. The process exits with code 0.
/// </summary>
public sealed partial class StopRequestWatcher(
    ConsumerGroupReader reader,
    ConsumerStopRequests stopRequests,
    ConsumerHandOff handOff,
    IHostApplicationLifetime lifetime,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<StopRequestWatcher> logger) : BackgroundService
{
    private volatile bool _leaving;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StopCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await stopRequests.IsRequestedAsync(reader.Group, reader.Consumer))
                    {
                        _leaving = true;
                        LogStopRequested(reader.Consumer, reader.Group);
                        lifetime.StopApplication();
                        return;
                    }
                }
                catch (RedisException)
                {
                    // Redis is down: the consume loop reports it; ask again at the next tick.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_leaving)
        {
            return;
        }

        try
        {
            var result = await handOff.RemoveAsync(reader.Streams, reader.Group, reader.Consumer, dropPending: false);
            await stopRequests.ClearAsync(reader.Group, reader.Consumer);
            LogLeft(reader.Consumer, reader.Group, result.Removed, result.Moved, string.Join(',', result.MovedTo), result.Kept);
        }
        catch (RedisException ex)
        {
            LogLeaveFailed(reader.Consumer, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An administrator asked consumer {Consumer} of group {Group} to stop: storing the batch in hand, then leaving")]
    private partial void LogStopRequested(string consumer, string group);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Consumer {Consumer} left group {Group} on {Streams} streams; {Moved} pending entries handed to [{MovedTo}], {Kept} kept (no other consumer to take them)")]
    private partial void LogLeft(string consumer, string group, int streams, long moved, string movedTo, long kept);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer {Consumer} could not leave its group (its entries stay pending and are claimed after ClaimMinIdle)")]
    private partial void LogLeaveFailed(string consumer, Exception exception);
}
