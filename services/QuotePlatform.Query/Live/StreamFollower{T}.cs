using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Items of shard streams read without a consumer group (nothing to acknowledge), woken by the
/// streams' growth: forming bars and ticks (best effort, from their newest entry at subscription
/// time) and, for a watch, final bars from a position it worked out. <see cref="StreamFollower"/> makes them.
/// </summary>
/// <param name="positions">Per stream, the entry id after which to read; null: after the newest entry.</param>
/// <param name="items">What a subscriber gets of one entry; throws <see cref="FormatException"/> when it does not decode.</param>
public sealed class StreamFollower<T>(
    LivePlan plan, IReadOnlyList<string> streams, RedisValue[]? positions,
    Func<string, StreamEntry, IEnumerable<T>> items, Func<List<T>, CancellationToken, Task> send, LiveContext context)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var db = context.Redis.GetDatabase();
        using var watch = context.Monitor.Watch(streams);
        var at = positions ?? await NewestAsync(db);
        while (true)
        {
            var changed = context.Monitor.Changed(streams);
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

    /// <summary>Reads once after <paramref name="at"/> (moved on), sends the matching items; the entries read.</summary>
    public async Task<int> ReadAsync(IDatabase db, RedisValue[] at, CancellationToken cancellationToken)
    {
        var replies = await Task.WhenAll(streams.Select((s, i) => db.StreamReadAsync(s, at[i], context.Options.ReadCount)));
        var found = new List<T>();
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
                    found.AddRange(items(streams[i], raw));
                }
                catch (FormatException ex)
                {
                    LiveLog.BadEntry(context.Logger, streams[i], (string)raw.Id!, ex);
                }
            }
        }

        if (found.Count > 0)
        {
            await send(found, cancellationToken);
        }

        return read;
    }

    private async Task<RedisValue[]> NewestAsync(IDatabase db)
    {
        var newest = await Task.WhenAll(streams.Select(s => db.StreamRangeAsync(s, "-", "+", 1, Order.Descending)));
        return [.. newest.Select(n => n.Length > 0 ? n[0].Id : (RedisValue)"0-0")];
    }
}
