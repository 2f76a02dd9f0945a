using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// One poller for all live subscriptions of the process: StackExchange.Redis has no blocking
/// XREADGROUP, and 50 subscriptions each polling 16 shards every few milliseconds would cost Redis
/// far more than one pipelined XLEN round over the watched streams. A subscription takes
/// <see cref="Changed"/> before it reads and waits on it when the read found nothing, so a growth
/// between its read and its wait is never missed.
/// </summary>
public sealed partial class StreamActivityMonitor(
    IConnectionMultiplexer redis, IOptions<LiveOptions> options, TimeProvider time, ILogger<StreamActivityMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, WatchedStream> _watched = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _anyWatch = NewSignal();

    /// <summary>Watches the streams until the returned handle is disposed.</summary>
    public IDisposable Watch(IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _watched.GetOrAdd(key, _ => new WatchedStream()).Users++;
            }

            _anyWatch.TrySetResult();
        }

        return new Release(this, keys);
    }

    /// <summary>Completes when any of the (watched) streams has grown after this call.</summary>
    public Task Changed(IReadOnlyList<string> keys)
    {
        var signals = new List<Task>(keys.Count);
        foreach (var key in keys)
        {
            if (_watched.TryGetValue(key, out var watch))
            {
                signals.Add(watch.Signal.Task);
            }
        }

        return signals.Count == 0 ? Task.Delay(Timeout.Infinite) : Task.WhenAny(signals);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ActivityPollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task idle;
                lock (_gate)
                {
                    if (_watched.IsEmpty)
                    {
                        _anyWatch = NewSignal();
                    }

                    idle = _watched.IsEmpty ? _anyWatch.Task : Task.CompletedTask;
                }

                await idle.WaitAsync(stoppingToken);
                await PollAsync();
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync()
    {
        var watched = _watched.ToArray();
        try
        {
            var db = redis.GetDatabase();
            var lengths = await Task.WhenAll(watched.Select(w => db.StreamLengthAsync(w.Key)));
            for (var i = 0; i < watched.Length; i++)
            {
                var watch = watched[i].Value;
                if (lengths[i] != watch.Length)
                {
                    watch.Length = lengths[i];
                    var fired = watch.Signal;
                    watch.Signal = NewSignal();
                    fired.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Subscriptions still read every MaxPollDelay and report Redis failures themselves.
            LogPollFailed(ex);
        }
    }

    private void Unwatch(IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_watched.TryGetValue(key, out var watch) && --watch.Users == 0)
                {
                    _watched.TryRemove(key, out _);
                    watch.Signal.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream activity poll failed")]
    private partial void LogPollFailed(Exception exception);

    private sealed class WatchedStream
    {
        public int Users { get; set; }

        public long Length { get; set; } = -1;

        public TaskCompletionSource Signal { get; set; } = NewSignal();
    }

    private sealed class Release(StreamActivityMonitor monitor, IReadOnlyList<string> keys) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                monitor.Unwatch(keys);
            }
        }
    }
}
