using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Tests.Infrastructure;

/// <summary>Reads back what the relay wrote, the way a consumer would.</summary>
public static class StreamContents
{
    public static async Task<List<(int Shard, BarStreamEntry Entry)>> EntriesAsync(IDatabase redis, Func<int, string> key, int shardCount = RelayHost.ShardCount)
    {
        var entries = new List<(int, BarStreamEntry)>();
        for (var shard = 0; shard < shardCount; shard++)
        {
            foreach (var entry in await redis.StreamRangeAsync(key(shard)))
            {
                entries.Add((shard, BarStreamEntry.Parse(entry)));
            }
        }

        return entries;
    }

    public static async Task<List<(int Shard, Bar Bar)>> FinalBarsAsync(IDatabase redis, StreamKeys keys) =>
        [.. (await EntriesAsync(redis, keys.Bars)).SelectMany(e => e.Entry.Batch.Bars.Select(bar => (e.Shard, bar)))];
}
