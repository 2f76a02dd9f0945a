using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Ticks of the subscribed symbols, best effort: the plan's shards' tick streams read without a
/// consumer group (nothing to acknowledge), from their newest entry at subscription time on, woken by
/// the streams' growth like the forming bars (<see cref="BarStreamFollower"/>).
/// </summary>
public sealed class TickFollower(LivePlan plan, Func<List<Tick>, CancellationToken, Task> send, LiveContext context)
{
    private readonly IReadOnlyList<string> _streams = [.. plan.Shards.Select(context.Keys.Ticks)];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var db = context.Redis.GetDatabase();
        using var watch = context.Monitor.Watch(_streams);
        var newest = await Task.WhenAll(_streams.Select(s => db.StreamRangeAsync(s, "-", "+", 1, Order.Descending)));
        var at = newest.Select(n => n.Length > 0 ? n[0].Id : (RedisValue)"0-0").ToArray();
        while (true)
        {
            var changed = context.Monitor.Changed(_streams);
            var read = 0;
            try
            {
                read = await ReadAsync(db, at, cancellationToken);
            }
            catch (RedisException ex)
            {
                LiveLog.RedisFailed(context.Logger, plan.Consumer, plan.Group, ex);
            }

            if (read == 0)
            {
                await Task.WhenAny(changed, Task.Delay(context.Options.MaxPollDelay, context.Time, cancellationToken));
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<int> ReadAsync(IDatabase db, RedisValue[] at, CancellationToken cancellationToken)
    {
        var replies = await Task.WhenAll(_streams.Select((s, i) => db.StreamReadAsync(s, at[i], context.Options.ReadCount)));
        var ticks = new List<Tick>();
        var read = 0;
        for (var i = 0; i < replies.Length; i++)
        {
            read += replies[i].Length;
            if (replies[i].Length > 0)
            {
                at[i] = replies[i][^1].Id;
            }

            foreach (var raw in replies[i].Where(e => e.Values is { Length: > 0 }))
            {
                try
                {
                    ticks.AddRange(TickStreamEntry.Parse(raw).Batch.Ticks.Where(t => plan.Symbols is null || plan.Symbols.Contains(t.Symbol)));
                }
                catch (FormatException ex)
                {
                    LiveLog.BadEntry(context.Logger, _streams[i], (string)raw.Id!, ex);
                }
            }
        }

        if (ticks.Count > 0)
        {
            await send(ticks, cancellationToken);
        }

        return read;
    }
}
