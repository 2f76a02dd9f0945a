using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Forming bars, best effort: read from the forming streams (no group, nothing to acknowledge)
/// starting after their newest entry at subscription time, filtered like the final bars.
/// </summary>
public sealed class FormingBarFollower(LivePlan plan, ResponseWriter output, LiveContext context)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var db = context.Redis.GetDatabase();
        IReadOnlyList<string> streams = [.. plan.Shards.Select(context.Keys.FormingBars)];
        using var watch = context.Monitor.Watch(streams);
        var newest = await Task.WhenAll(streams.Select(s => db.StreamRangeAsync(s, "-", "+", 1, Order.Descending)));
        var positions = newest.Select(n => n.Length > 0 ? n[0].Id : (RedisValue)"0-0").ToArray();
        while (true)
        {
            var changed = context.Monitor.Changed(streams);
            var read = 0;
            try
            {
                var replies = await Task.WhenAll(streams.Select((s, i) => db.StreamReadAsync(s, positions[i], context.Options.ReadCount)));
                var bars = new List<Bar>();
                for (var i = 0; i < replies.Length; i++)
                {
                    read += replies[i].Length;
                    if (replies[i].Length > 0)
                    {
                        positions[i] = replies[i][^1].Id;
                    }

                    foreach (var raw in replies[i].Where(e => e.Values is { Length: > 0 }))
                    {
                        try
                        {
                            bars.AddRange(plan.Select(context.Decoded.Get(streams[i], raw).Batch));
                        }
                        catch (FormatException ex)
                        {
                            LiveLog.BadEntry(context.Logger, streams[i], (string)raw.Id!, ex);
                        }
                    }
                }

                if (bars.Count > 0)
                {
                    await output.WriteAsync(new SubscribeResponse { Forming = new FormingBars { Bars = { bars } } }, cancellationToken);
                }
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
}
