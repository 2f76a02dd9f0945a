using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Latest quotes, best effort: every QuotePollInterval, compares the relay's quote times with what
/// was last sent and sends the quotes that changed (all current ones first).
/// </summary>
public sealed class QuoteFollower(LivePlan plan, ResponseWriter output, LiveContext context)
{
    private readonly Dictionary<string, long> _sent = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var shardSymbols = plan.Shards.ToDictionary(
            shard => shard,
            shard => plan.Symbols?.Where(s => context.Router.ShardOf(s) == shard).ToArray());
        using var timer = new PeriodicTimer(context.Options.QuotePollInterval, context.Time);
        do
        {
            try
            {
                var quotes = new List<Quote>();
                foreach (var shard in plan.Shards)
                {
                    quotes.AddRange(await ChangedAsync(shard, shardSymbols[shard]));
                }

                if (quotes.Count > 0)
                {
                    await output.WriteAsync(new SubscribeResponse { Quotes = new QuoteUpdate { Quotes = { quotes } } }, cancellationToken);
                }
            }
            catch (RedisException ex)
            {
                LiveLog.RedisFailed(context.Logger, plan.Consumer, plan.Group, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
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
