using System.Globalization;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Stats;

/// <summary>
/// Pipeline statistics in Redis: a hash per service instance that expires when the instance goes
/// silent, and an index of those hashes so the admin API finds them without scanning the keyspace.
/// </summary>
public sealed class PipelineStatsStore(IConnectionMultiplexer redis, StreamKeys keys)
{
    private const string ExtraPrefix = "x.";

    private IDatabase Db => redis.GetDatabase();

    public async Task WriteAsync(PublishedStats stats, TimeSpan timeToLive)
    {
        var key = keys.ServiceStats(stats.Service, stats.Instance);
        var t = stats.Totals;
        var fields = new List<HashEntry>
        {
            new("service", stats.Service),
            new("instance", stats.Instance),
            new("updated_ms", stats.UpdatedUnixMs),
            new("started_ms", stats.StartedUnixMs),
            new("bars_per_second", stats.BarsPerSecond),
            new("bars_total", t.Bars),
            new("errors_total", t.Errors),
            new("rejected_total", t.Rejected),
            new("lag_entries", t.LagEntries),
            new("pending_entries", t.PendingEntries),
            new("last_write_ms", t.LastWriteUnixMs),
        };
        fields.AddRange(t.Extra.Select(e => new HashEntry(ExtraPrefix + e.Key, e.Value)));
        var batch = Db.CreateBatch();
        var writes = new[]
        {
            batch.KeyDeleteAsync(key),
            batch.HashSetAsync(key, [.. fields]),
            batch.KeyExpireAsync(key, timeToLive),
            batch.SortedSetAddAsync(keys.ServiceStatsIndex, key, stats.UpdatedUnixMs),
        };
        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task RemoveAsync(string service, string instance)
    {
        var key = keys.ServiceStats(service, instance);
        await Db.KeyDeleteAsync(key);
        await Db.SortedSetRemoveAsync(keys.ServiceStatsIndex, key);
    }

    /// <summary>Every instance whose statistics have not expired, ordered by service and instance.</summary>
    public async Task<List<PublishedStats>> ReadAllAsync()
    {
        var indexed = await Db.SortedSetRangeByRankAsync(keys.ServiceStatsIndex);
        var hashes = await Task.WhenAll(indexed.Select(key => Db.HashGetAllAsync((string)key!)));
        var found = new List<PublishedStats>();
        var expired = new List<RedisValue>();
        for (var i = 0; i < indexed.Length; i++)
        {
            if (hashes[i].Length == 0)
            {
                expired.Add(indexed[i]);
                continue;
            }

            found.Add(Parse(hashes[i].ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal)));
        }

        if (expired.Count > 0)
        {
            await Db.SortedSetRemoveAsync(keys.ServiceStatsIndex, [.. expired]);
        }

        return [.. found.OrderBy(s => s.Service, StringComparer.Ordinal).ThenBy(s => s.Instance, StringComparer.Ordinal)];
    }

    private static PublishedStats Parse(Dictionary<string, RedisValue> fields)
    {
        long Long(string name) => fields.TryGetValue(name, out var v) && v.TryParse(out long n) ? n : 0;
        double Double(string name) => fields.TryGetValue(name, out var v) && v.TryParse(out double d) ? d : 0;
        var extra = fields.Where(f => f.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[ExtraPrefix.Length..], f => double.Parse((string)f.Value!, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new PublishedStats(
            (string?)fields.GetValueOrDefault("service") ?? "",
            (string?)fields.GetValueOrDefault("instance") ?? "",
            Long("updated_ms"),
            Long("started_ms"),
            Double("bars_per_second"),
            new PipelineTotals(Long("bars_total"), Long("errors_total"), Long("rejected_total"), Long("lag_entries"),
                Long("pending_entries"), Long("last_write_ms"), extra));
    }
}
