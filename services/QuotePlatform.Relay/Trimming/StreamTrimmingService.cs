using Microsoft.Extensions.Options;
using QuotePlatform.Relay.Options;
using QuotePlatform.Relay.Telemetry;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Trimming;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Trimming;

/// <summary>
/// Keeps every shard's streams bounded without taking entries a consumer group still needs, and
/// reports a stream loudly once it nears its memory cap (then trimming alone cannot save it).
/// </summary>
public sealed class StreamTrimmingService(
    StreamTrimmer trimmer, StreamKeys keys, ShardRouter router, IOptions<RelayOptions> options, TimeProvider time, ILogger<StreamTrimmingService> logger)
    : BackgroundService
{
    private readonly TrimmingOptions _options = options.Value.Trimming;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            try
            {
                await TrimAllAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                RelayLog.TrimFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public async Task TrimAllAsync()
    {
        var final = new StreamTrimPolicy(_options.FinalMaxEntries);
        var forming = new StreamTrimPolicy(_options.FormingMaxEntries, _options.FormingMaxAge);
        var ticks = new StreamTrimPolicy(_options.TicksMaxEntries);
        for (var shard = 0; shard < router.ShardCount; shard++)
        {
            await TrimAsync(keys.Bars(shard), final);
            await TrimAsync(keys.FormingBars(shard), forming);
            await TrimAsync(keys.Ticks(shard), ticks);
        }
    }

    private async Task TrimAsync(string stream, StreamTrimPolicy policy)
    {
        var result = await trimmer.TrimAsync(stream, policy);
        if (result.Removed > 0)
        {
            RelayLog.Trimmed(logger, stream, result.Removed, result.Length);
        }

        // Trimming for length works in whole nodes (up to ~100 entries): warn only past that slack.
        if (result.OldestNeededBy is { } group && result.Length > policy.MaxEntries + Math.Max(100, policy.MaxEntries / 10))
        {
            RelayLog.TrimHeldBack(logger, stream, result.Length, policy.MaxEntries, group);
        }

        var used = await trimmer.MemoryUsageBytesAsync(stream);
        if (used >= _options.StreamMemoryCapBytes * _options.MemoryWarningRatio)
        {
            RelayLog.StreamNearMemoryCap(logger, stream, used, 100.0 * used / _options.StreamMemoryCapBytes, _options.StreamMemoryCapBytes);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
