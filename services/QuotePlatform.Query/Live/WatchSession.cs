using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Bars;
using QuotePlatform.Storage.Bars;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// One WatchSymbol call: the catch-up (stored final bars after the client's frame, then the final
/// streams from where the storage writer stood), then quotes, forming bars and final bars as they
/// come, with the live subscription's followers, and a heartbeat when nothing else was sent.
/// Ends when the client leaves.
/// </summary>
public sealed class WatchSession(WatchPlan watch, ResponseWriter<WatchSymbolResponse> output, LiveContext context, BarReader store)
{
    private readonly LivePlan _plan = watch.Live;
    private long _lastWrite;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        await WriteAsync(
            new WatchSymbolResponse
            {
                Started = new WatchStarted
                {
                    ServerUnixMs = context.Time.GetUtcNow().ToUnixTimeMilliseconds(),
                    HeartbeatIntervalMs = (long)options.WatchHeartbeatInterval.TotalMilliseconds,
                },
            },
            cancellationToken);

        using var loops = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IReadOnlyList<string> formingStreams = [.. _plan.Shards.Select(context.Keys.FormingBars)];
        using var formingWatch = context.Monitor.Watch(formingStreams);
        // Quotes first: the price shows while the chart's catch-up is still being read.
        var running = new List<Task>
        {
            new QuoteFollower(
                _plan,
                options.WatchQuotePollInterval,
                (quotes, ct) => WriteAsync(new WatchSymbolResponse { Quotes = new QuoteUpdate { Quotes = { quotes } } }, ct),
                context,
                () => context.Monitor.Changed(formingStreams))
                .RunAsync(loops.Token),
        };
        try
        {
            IReadOnlyList<string> streams = [.. _plan.Shards.Select(context.Keys.Bars)];
            var positions = await CatchUpAsync(streams, cancellationToken);
            running.Add(StreamFollower.Bars(_plan, streams, positions, SendFinalAsync, context).RunAsync(loops.Token));
            running.Add(StreamFollower.Forming(_plan, (bars, ct) => WriteAsync(new WatchSymbolResponse { Forming = new FormingBars { Bars = { bars } } }, ct), context)
                .RunAsync(loops.Token));
            running.Add(HeartbeatAsync(loops.Token));
            await await Task.WhenAny(running);
        }
        finally
        {
            await loops.CancelAsync();
            await Task.WhenAll(running.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    /// <summary>Sends the final bars after the client's frame, then caught_up; where the final streams are to be followed from (null: their newest entry).</summary>
    private async Task<RedisValue[]?> CatchUpAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken)
    {
        RedisValue[]? positions = null;
        var caughtUp = 0;
        if (watch.AfterFrameUnixMs > 0)
        {
            // In this order: what the writer had finished with before the read is in the read.
            var db = context.Redis.GetDatabase();
            positions = await ReplayStart.PositionsAsync(db, streams, watch.AfterFrameUnixMs, context.Options.WatchClockSkew);
            caughtUp += await SendStoredAsync(cancellationToken);
            var replay = StreamFollower.Bars(_plan, streams, positions, async (bars, ct) =>
            {
                var newer = bars.Where(b => b.FrameUnixMs > watch.AfterFrameUnixMs).ToList();
                caughtUp += newer.Count;
                await SendFinalAsync(newer, ct);
            }, context);
            while (await replay.ReadAsync(db, positions, cancellationToken) > 0)
            {
            }
        }

        await WriteAsync(new WatchSymbolResponse { CaughtUp = new CaughtUp { Bars = (uint)caughtUp } }, cancellationToken);
        return positions;
    }

    private async Task<int> SendStoredAsync(CancellationToken cancellationToken)
    {
        // Final bars end at most "now" (plus the producers' clock skew); a day more leaves room.
        var to = context.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)TimeSpan.FromDays(1).TotalMilliseconds;
        var rows = await store.ReadManyAsync(watch.Symbols, watch.Period, watch.AfterFrameUnixMs + 1, to, limit: 0, cancellationToken);
        foreach (var chunk in rows.Chunk(context.Options.WatchCatchUpChunk))
        {
            await SendFinalAsync([.. chunk.Select(row => row.ToBar())], cancellationToken);
        }

        return rows.Count;
    }

    private Task SendFinalAsync(List<Bar> bars, CancellationToken cancellationToken) =>
        bars.Count == 0 ? Task.CompletedTask : WriteAsync(new WatchSymbolResponse { Final = new FinalBars { Bars = { bars } } }, cancellationToken);

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var interval = context.Options.WatchHeartbeatInterval;
        using var timer = new PeriodicTimer(interval / 4, context.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (context.Time.GetElapsedTime(Interlocked.Read(ref _lastWrite)) >= interval)
            {
                await WriteAsync(new WatchSymbolResponse { Heartbeat = new Heartbeat { ServerUnixMs = context.Time.GetUtcNow().ToUnixTimeMilliseconds() } }, cancellationToken);
            }
        }
    }

    private async Task WriteAsync(WatchSymbolResponse response, CancellationToken cancellationToken)
    {
        await output.WriteAsync(response, cancellationToken);
        Interlocked.Exchange(ref _lastWrite, context.Time.GetTimestamp());
    }
}
