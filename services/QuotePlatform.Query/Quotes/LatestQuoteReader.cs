using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Quotes;

/// <summary>
/// Latest quotes from the relay's per-shard hashes (symbol → protobuf Quote), one HMGET per shard
/// touched, all shards at once: a page refresh of many symbols costs one round trip.
/// </summary>
internal sealed class LatestQuoteReader(IConnectionMultiplexer redis, StreamKeys keys, ShardRouter router)
{
    /// <summary>The quote of each symbol, null where the relay holds none; in the order given.</summary>
    public async Task<Quote?[]> ReadAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var result = new Quote?[symbols.Count];
        var shards = Enumerable.Range(0, symbols.Count).GroupBy(i => router.ShardOf(symbols[i]));
        await Task.WhenAll(shards.Select(async shard =>
        {
            var positions = shard.ToArray();
            var fields = positions.Select(i => (RedisValue)symbols[i]).ToArray();
            var values = await database.HashGetAsync(keys.LatestQuotes(shard.Key), fields).WaitAsync(cancellationToken);
            for (var i = 0; i < positions.Length; i++)
            {
                result[positions[i]] = values[i].IsNull ? null : Quote.Parser.ParseFrom((byte[])values[i]!);
            }
        }));
        return result;
    }
}
