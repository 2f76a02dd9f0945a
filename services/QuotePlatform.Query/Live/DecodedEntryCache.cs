using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Every broadcast group reads the same entries: decode each entry once per process, not once per
/// subscriber (50 whole-market subscribers would otherwise decode every bar 50 times). Decoded
/// messages are only read afterwards, so subscribers may share them. Bounded, oldest out first.
/// </summary>
public sealed class DecodedEntryCache(IOptions<LiveOptions> options)
{
    private readonly ConcurrentDictionary<(string Stream, string Id), BarStreamEntry> _entries = new();
    private readonly ConcurrentQueue<(string Stream, string Id)> _order = new();
    private readonly int _capacity = options.Value.DecodedCacheEntries;

    /// <summary>The decoded entry; throws <see cref="FormatException"/> as <see cref="BarStreamEntry.Parse"/> does.</summary>
    public BarStreamEntry Get(string stream, StreamEntry raw)
    {
        var key = (stream, (string)raw.Id!);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var parsed = BarStreamEntry.Parse(raw);
        if (_entries.TryAdd(key, parsed))
        {
            _order.Enqueue(key);
            while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }

        return parsed;
    }
}
