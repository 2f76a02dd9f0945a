using System.Globalization;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.FullMarket.Memory;

/// <summary>
/// Where a pipeline's Redis memory goes, per kind of key, and where each bounded kind levels off.
/// Redis RSS alone cannot tell a leak from a structure still filling to its bound: the final-bar
/// streams fill to Relay:Trimming:FinalMaxEntries (about 4.7 entries per shard per live minute, so
/// the soak relay's 40 take ~9 min, the shipped 2,000 ~7 h) and the relay's dedup sets to
/// Relay:DedupWindowBatches (about 40-70 batches a live minute, so 10,000 take hours); forming
/// streams (Relay:Trimming:FormingMaxAge, 5 min) and latest quotes level off within minutes. Each line gives the size now and the projected plateau (now per entry x bound).
/// </summary>
public static class RedisMemoryBreakdown
{
    public static async Task<IReadOnlyList<string>> ReportAsync(
        string redisAddress, StreamKeys keys, int shardCount, long finalMaxEntries, long dedupWindowBatches)
    {
        // Its own connection in admin mode: StackExchange.Redis sends INFO only on one.
        var options = ConfigurationOptions.Parse(redisAddress);
        options.AllowAdmin = true;
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();
        var server = redis.GetServers()[0];
        var shards = Enumerable.Range(0, shardCount).ToArray();
        var dedupKeys = shards
            .SelectMany(shard => server.Keys(pattern: keys.Bars(shard) + ":seen:*", pageSize: 1000))
            .Select(key => (string)key!)
            .ToArray();

        var final = await MeasureAsync(db, shards.Select(keys.Bars), k => db.StreamLengthAsync(k));
        var forming = await MeasureAsync(db, shards.Select(keys.FormingBars), k => db.StreamLengthAsync(k));
        var quotes = await MeasureAsync(db, shards.SelectMany(s => new[] { keys.LatestQuotes(s), keys.LatestQuoteTimes(s) }), k => db.HashLengthAsync(k));
        var dedup = await MeasureAsync(db, dedupKeys, k => db.SortedSetLengthAsync(k));
        var info = (await server.InfoAsync("memory")).SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"  redis used_memory {Mib(Number(info, "used_memory"))}, RSS {Mib(Number(info, "used_memory_rss"))}, fragmentation {info.GetValueOrDefault("mem_fragmentation_ratio", "n/a")}"),
            Line("final streams", final, "entries", finalMaxEntries * shardCount),
            Line("forming streams", forming, "entries", null),
            Line("latest quotes", quotes, "fields", null),
            Line("dedup sets", dedup, "sequences", dedupKeys.Length == 0 ? null : dedupWindowBatches * dedupKeys.Length),
        ];
    }

    private static async Task<(int Keys, long Bytes, long Items)> MeasureAsync(IDatabase db, IEnumerable<string> keys, Func<string, Task<long>> count)
    {
        var list = keys.ToArray();
        var bytes = await Task.WhenAll(list.Select(k => db.ExecuteAsync("MEMORY", "USAGE", (RedisKey)k, "SAMPLES", 0)));
        var items = await Task.WhenAll(list.Select(count));
        return (list.Length, bytes.Sum(b => b.IsNull ? 0 : (long)b), items.Sum());
    }

    /// <summary>A kind of key: its size now and, when it is still filling to a bound, the size at the bound.</summary>
    private static string Line(string name, (int Keys, long Bytes, long Items) usage, string unit, long? bound)
    {
        var perItem = usage.Items > 0 ? (double)usage.Bytes / usage.Items : 0;
        var plateau = bound is { } b && usage.Items < b
            ? string.Create(CultureInfo.InvariantCulture, $", still filling: {Mib((long)(perItem * b))} at its bound of {b:N0} {unit} ({100.0 * usage.Items / b:F0}% there)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"  {name,-16} {usage.Keys,3} keys {Mib(usage.Bytes),9}, {usage.Items:N0} {unit} ({perItem:F0} B each){plateau}");
    }

    private static long Number(Dictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var value) && long.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB");
}
