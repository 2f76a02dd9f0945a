using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>The stream followers a subscription or a watch runs, each filtered by its plan.</summary>
public static class StreamFollower
{
    /// <summary>Bars of the given streams (final or forming) from the positions given (null: from now on).</summary>
    public static StreamFollower<Bar> Bars(
        LivePlan plan, IReadOnlyList<string> streams, RedisValue[]? positions, Func<List<Bar>, CancellationToken, Task> send, LiveContext context) =>
        new(plan, streams, positions, (stream, raw) => plan.Select(context.Decoded.Get(stream, raw).Batch), send, context);

    /// <summary>The forming bars of the plan's shards, from now on.</summary>
    public static StreamFollower<Bar> Forming(LivePlan plan, Func<List<Bar>, CancellationToken, Task> send, LiveContext context) =>
        Bars(plan, [.. plan.Shards.Select(context.Keys.FormingBars)], null, send, context);

    /// <summary>Every tick of the subscribed symbols, from now on.</summary>
    public static StreamFollower<Tick> Ticks(LivePlan plan, Func<List<Tick>, CancellationToken, Task> send, LiveContext context) =>
        new(
            plan,
            [.. plan.Shards.Select(context.Keys.Ticks)],
            null,
            (_, raw) => TickStreamEntry.Parse(raw).Batch.Ticks.Where(t => plan.Symbols is null || plan.Symbols.Contains(t.Symbol)),
            send,
            context);
}
