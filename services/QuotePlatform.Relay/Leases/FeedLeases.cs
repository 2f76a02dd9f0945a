using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Ingest;
using QuotePlatform.Relay.Telemetry;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Leases;

/// <summary>
/// The leases of hot-standby feeds, kept in Redis so every relay replica agrees: who holds each
/// feed, under which epoch, and where the feed's stored final bars end.
/// </summary>
public sealed class FeedLeases(
    IConnectionMultiplexer redis, RelayKeys keys, ShardRouter router, IOptions<LeaseOptions> options, RelayMetrics metrics, TimeProvider time)
{
    // A holder's batch makes one entry per shard: a close it left unfinished lies within its last few.
    private const int StreamTailEntries = 32;

    private readonly long _ttlMs = (long)options.Value.Ttl.TotalMilliseconds;

    /// <summary>
    /// Renews, grants or refuses the feed's lease for <paramref name="producer"/>; a grant raises every
    /// fence first. Previous: on a grant, who held the lease before ("" when nobody did).
    /// </summary>
    public async Task<(LeaseResponse Answer, string Previous)> AcquireAsync(string feed, string producer, bool release)
    {
        var database = redis.GetDatabase();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            LeaseScript.Text, [keys.Streams.FeedLease(feed)], [producer, now, _ttlMs, release ? "1" : "0"]))!;
        var response = new LeaseResponse
        {
            Role = (long)result[0] == 1 ? LeaseRole.Holder : LeaseRole.Standby,
            Epoch = (ulong)(long)result[1],
            Holder = (string?)result[2] ?? "",
            Granted = (long)result[3] == 1,
            TtlMs = _ttlMs,
        };
        if (response.Granted)
        {
            // Before the new holder hears of its grant, no stream takes the old holder's batches any more.
            await RaiseFencesAsync(feed, response.Epoch);
            await database.SetAddAsync(keys.Streams.Feeds, feed);
        }

        metrics.RecordLease(feed, response.Epoch);
        response.Stored.AddRange(await StoredAsync(feed));
        if (response.Granted)
        {
            if ((string?)result[4] is { Length: > 0 } previous && previous != producer)
            {
                metrics.RecordFailover(feed, TimeSpan.FromMilliseconds((long)result[5]));
            }

            response.StoredBeyond.AddRange(await StoredBeyondAsync(StoredFrames(response.Stored)));
        }

        return (response, response.Granted ? (string?)result[4] ?? "" : "");
    }

    /// <summary>The feed's current epoch and holder (after a batch was fenced, to say why).</summary>
    public async Task<(ulong Epoch, string Holder)> CurrentAsync(string feed)
    {
        var values = await redis.GetDatabase().HashGetAsync(keys.Streams.FeedLease(feed), ["epoch", "holder"]);
        return (values[0].IsNull ? 0 : (ulong)values[0], values[1].IsNull ? "" : values[1].ToString());
    }

    /// <summary>Records that the feed has stored all final bars through these frames (the latest per period is kept).</summary>
    public Task MarkStoredAsync(string feed, IReadOnlyDictionary<Period, long> latestFrames)
    {
        var arguments = new RedisValue[2 * latestFrames.Count];
        var next = 0;
        foreach (var (period, frame) in latestFrames)
        {
            arguments[next++] = (int)period;
            arguments[next++] = frame;
        }

        return redis.GetDatabase().ScriptEvaluateAsync(FenceScript.MarkStored, [keys.Streams.FeedStored(feed)], arguments);
    }

    public async Task<IReadOnlyList<StoredFrame>> StoredAsync(string feed)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Streams.FeedStored(feed));
        return [.. entries
            .Select(e => new StoredFrame { Period = (Period)(int)e.Name, FrameUnixMs = (long)e.Value })
            .OrderBy(s => s.Period)];
    }

    /// <summary>
    /// Final bars later than the stored marks that the streams hold all the same: the previous holder
    /// sent part of a close and stopped. Only the newest entries of each shard can hold such bars.
    /// </summary>
    private async Task<IEnumerable<StoredBar>> StoredBeyondAsync(Dictionary<Period, long> stored)
    {
        var database = redis.GetDatabase();
        var tails = await Task.WhenAll(Enumerable.Range(0, router.ShardCount)
            .Select(shard => database.StreamRangeAsync(keys.Streams.Bars(shard), "-", "+", StreamTailEntries, Order.Descending)));
        return tails.SelectMany(tail => tail)
            .SelectMany(entry => BarStreamEntry.Parse(entry).Batch.Bars)
            .Where(bar => !stored.TryGetValue(bar.Period, out var through) || bar.FrameUnixMs > through)
            .Select(bar => new StoredBar { Symbol = bar.Symbol, Period = bar.Period, FrameUnixMs = bar.FrameUnixMs });
    }

    private static Dictionary<Period, long> StoredFrames(IEnumerable<StoredFrame> stored) => stored.ToDictionary(s => s.Period, s => s.FrameUnixMs);

    private Task RaiseFencesAsync(string feed, ulong epoch)
    {
        var database = redis.GetDatabase();
        var streams = Enumerable.Range(0, router.ShardCount).Select(keys.Streams.Bars).Append(keys.Streams.Calendars).Append(keys.Streams.Instruments);
        return Task.WhenAll(streams.Select(stream => database.ScriptEvaluateAsync(FenceScript.Raise, [keys.Fence(stream, feed)], [epoch])));
    }
}
