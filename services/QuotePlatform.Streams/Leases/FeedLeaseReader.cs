using QuotePlatform.Contracts.Admin.V1;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Leases;

/// <summary>Reads the leases of hot-standby feeds that the relays keep in Redis (for the admin API and the page).</summary>
public sealed class FeedLeaseReader(IConnectionMultiplexer redis, StreamKeys keys)
{
    public async Task<IReadOnlyList<FeedLease>> ReadAllAsync()
    {
        var database = redis.GetDatabase();
        var feeds = (await database.SetMembersAsync(keys.Feeds)).Select(feed => feed.ToString()).Order(StringComparer.Ordinal).ToList();
        var hashes = await Task.WhenAll(feeds.Select(feed => database.HashGetAllAsync(keys.FeedLease(feed))));
        return [.. feeds.Zip(hashes, ToLease)];
    }

    private static FeedLease ToLease(string feed, HashEntry[] hash)
    {
        var fields = hash.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);
        string Text(string name) => fields.TryGetValue(name, out var value) ? value.ToString() : "";
        long Number(string name) => fields.TryGetValue(name, out var value) && value.TryParse(out long number) ? number : 0;
        return new FeedLease
        {
            Feed = feed,
            Holder = Text("holder"),
            HolderEpoch = (ulong)Number("epoch"),
            HolderSeenUnixMs = Number("holder_seen_ms"),
            Standby = Text("standby"),
            StandbyEpoch = (ulong)Number("standby_epoch"),
            StandbySeenUnixMs = Number("standby_seen_ms"),
            LastFailoverUnixMs = Number("last_failover_ms"),
            LastFailoverFrom = Text("last_failover_from"),
            LastFailoverTo = Text("last_failover_to"),
            LastFailoverDurationMs = Number("last_failover_duration_ms"),
            Failovers = (ulong)Number("failovers"),
            Released = Text("released") == "1",
        };
    }
}
