using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Every broadcast group reads the same entries: fetch and decode each entry once per process, not
/// once per subscriber (50 whole-market subscribers would otherwise pull every payload from Redis
/// and decode every bar 50 times). Decoded messages are only read afterwards, so subscribers share
/// them. Bounded, oldest out first; a failed fetch is not kept.
/// </summary>
public sealed class DecodedEntryCache(IConnectionMultiplexer redis, IOptions<LiveOptions> options)
{
    private readonly ConcurrentDictionary<(string Stream, string Id), Lazy<Task<BarStreamEntry?>>> _entries = new();
    private readonly ConcurrentQueue<(string Stream, string Id)> _order = new();
    private readonly int _capacity = options.Value.DecodedCacheEntries;

    /// <summary>An entry read with its fields; throws <see cref="FormatException"/> as <see cref="BarStreamEntry.Parse"/> does.</summary>
    public BarStreamEntry Get(string stream, StreamEntry raw)
    {
        var key = (stream, (string)raw.Id!);
        if (_entries.TryGetValue(key, out var cached) && cached.Value.IsCompletedSuccessfully && cached.Value.Result is { } hit)
        {
            return hit;
        }

        var parsed = BarStreamEntry.Parse(raw);
        Add(key, new Lazy<Task<BarStreamEntry?>>(Task.FromResult<BarStreamEntry?>(parsed)));
        return parsed;
    }

    /// <summary>An entry known by id only, fetched (XRANGE) by the first subscription that needs it; null when it was trimmed away.</summary>
    public async Task<BarStreamEntry?> GetAsync(string stream, string id)
    {
        var key = (stream, id);
        var lazy = new Lazy<Task<BarStreamEntry?>>(() => FetchAsync(stream, id));
        var entry = _entries.GetOrAdd(key, lazy);
        if (ReferenceEquals(entry, lazy))
        {
            _order.Enqueue(key);
            Evict();
        }

        try
        {
            return await entry.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<(string, string), Lazy<Task<BarStreamEntry?>>>(key, entry));
            throw;
        }
    }

    private async Task<BarStreamEntry?> FetchAsync(string stream, string id)
    {
        var found = await redis.GetDatabase().StreamRangeAsync(stream, id, id, 1);
        return found.Length == 0 || found[0].Values is not { Length: > 0 } ? null : BarStreamEntry.Parse(found[0]);
    }

    private void Add((string Stream, string Id) key, Lazy<Task<BarStreamEntry?>> entry)
    {
        if (_entries.TryAdd(key, entry))
        {
            _order.Enqueue(key);
            Evict();
        }
    }

    private void Evict()
    {
        while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
