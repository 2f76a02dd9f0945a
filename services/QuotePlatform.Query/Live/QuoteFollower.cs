using QuotePlatform.Contracts.MarketData.V1;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Latest quotes, best effort: every <paramref name="interval"/>, compares the relay's quote times
/// with what was last sent and sends the quotes that changed (all current ones first). The relay
/// keeps quotes in hashes, not streams, so only a clock can be relied on: for a few symbols (a
/// watch) the times are one cheap HMGET, asked often; for the whole market, less often. The ingest
/// sends a symbol's quote in the batch that carries its forming bars, so a watch is also woken by
/// its forming streams' growth (<paramref name="wake"/>, taken before each check).
/// </summary>
public sealed class QuoteFollower(
    LivePlan plan, TimeSpan interval, Func<List<Quote>, CancellationToken, Task> send, LiveContext context, Func<Task>? wake = null)
{
    private readonly Dictionary<string, long> _sent = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var shardSymbols = plan.Shards.ToDictionary(
            shard => shard,
            shard => plan.Symbols?.Where(s => context.Router.ShardOf(s) == shard).ToArray());
        while (true)
        {
            var woken = wake?.Invoke();
            try
            {
                var quotes = new List<Quote>();
                foreach (var shard in plan.Shards)
                {
                    quotes.AddRange(await ChangedAsync(shard, shardSymbols[shard]));
                }

                if (quotes.Count > 0)
                {
                    await send(quotes, cancellationToken);
                }
            }
            catch (RedisException ex)
            {
                LiveLog.RedisFailed(context.Logger, plan.Consumer, plan.Group, ex);
            }

            var tick = Task.Delay(interval, context.Time, cancellationToken);
            await (woken is null ? tick : Task.WhenAny(woken, tick));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<List<Quote>> ChangedAsync(int shard, string[]? symbols)
    {
        var db = context.Redis.GetDatabase();
        var times = context.Keys.LatestQuoteTimes(shard);
        IEnumerable<(string Symbol, long Time)> current = symbols is null
            ? (await db.HashGetAllAsync(times)).Select(e => ((string)e.Name!, (long)e.Value))
            : (await db.HashGetAsync(times, [.. symbols.Select(s => (RedisValue)s)]))
                .Select((v, i) => (symbols[i], v.IsNull ? 0L : (long)v));
        var changed = current.Where(c => c.Time > 0 && c.Time > _sent.GetValueOrDefault(c.Symbol)).ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        var payloads = await db.HashGetAsync(context.Keys.LatestQuotes(shard), [.. changed.Select(c => (RedisValue)c.Symbol)]);
        var quotes = new List<Quote>(changed.Count);
        for (var i = 0; i < changed.Count; i++)
        {
            if (payloads[i].IsNull)
            {
                continue;
            }

            _sent[changed[i].Symbol] = changed[i].Time;
            quotes.Add(Quote.Parser.ParseFrom((byte[])payloads[i]!));
        }

        return quotes;
    }
}
