using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>
/// One subscription: final bars through the client's consumer group (its own pending entries
/// first, then new ones, plus entries claimed from consumers gone idle), acknowledgements from the
/// client, and optionally forming bars, quotes and ticks. Ends when the client closes its side, cancels
/// or hits its deadline, or when an administrator stops the consumer.
/// </summary>
public sealed class LiveSession(LivePlan plan, ResponseWriter<SubscribeResponse> output, LiveContext context)
{
    private readonly IReadOnlyList<string> _streams = [.. plan.Shards.Select(context.Keys.Bars)];
    private readonly UnackedDeliveries _unacked = new(plan.MaxUnacked);
    private readonly FinalBarReader _reader = new(plan, context);
    private long _delivered;
    private long _acked;

    public async Task RunAsync(IAsyncStreamReader<SubscribeRequest> requests, CancellationToken cancellationToken)
    {
        await _reader.EnsureGroupsAsync(_streams);
        var redelivering = await _reader.OwnPendingCountAsync(_streams);
        await output.WriteAsync(
            new SubscribeResponse
            {
                Subscribed = new Subscribed
                {
                    Group = plan.Group,
                    Consumer = plan.Consumer,
                    Shards = { plan.Shards.Select(s => (uint)s) },
                    Redelivering = (uint)Math.Min(redelivering, uint.MaxValue),
                },
            },
            cancellationToken);
        LiveLog.Subscribed(context.Logger, plan.Consumer, plan.Group, plan.Mode.ToString(), plan.Shards.Count, redelivering);

        using var sideLoops = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var ackLoop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var acks = ReadAcksAsync(requests, ackLoop.Token);
        var loops = new List<Task> { acks, DeliverFinalBarsAsync(sideLoops.Token) };
        if (plan.IncludeForming)
        {
            loops.Add(StreamFollower.Forming(
                plan, (bars, ct) => output.WriteAsync(new SubscribeResponse { Forming = new FormingBars { Bars = { bars } } }, ct), context)
                .RunAsync(sideLoops.Token));
        }

        if (plan.IncludeQuotes)
        {
            loops.Add(new QuoteFollower(
                plan, context.Options.QuotePollInterval, (quotes, ct) => output.WriteAsync(new SubscribeResponse { Quotes = new QuoteUpdate { Quotes = { quotes } } }, ct), context)
                .RunAsync(sideLoops.Token));
        }

        if (plan.IncludeTicks)
        {
            loops.Add(StreamFollower.Ticks(
                plan, (ticks, ct) => output.WriteAsync(new SubscribeResponse { Ticks = new TickUpdate { Ticks = { ticks } } }, ct), context)
                .RunAsync(sideLoops.Token));
        }

        try
        {
            var first = await Task.WhenAny(loops);
            if (first.IsFaulted && first.Exception!.InnerException is LiveStopRequestedException)
            {
                await sideLoops.CancelAsync();
                await LeaveAsync(acks, cancellationToken);
            }

            // Propagates the reason the subscription ends (a bad ack, a stop, cancellation); a
            // client that closed its side ends it normally.
            await first;
        }
        finally
        {
            await sideLoops.CancelAsync();
            await ackLoop.CancelAsync();
            await Task.WhenAll(loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
            LiveLog.Ended(context.Logger, plan.Consumer, plan.Group, Interlocked.Read(ref _delivered), Interlocked.Read(ref _acked));
        }
    }

    private async Task ReadAcksAsync(IAsyncStreamReader<SubscribeRequest> requests, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            var request = requests.Current;
            if (request.KindCase != SubscribeRequest.KindOneofCase.Ack)
            {
                throw SubscriptionValidator.Invalid("only the first request may subscribe; later requests carry ack");
            }

            var byShard = new Dictionary<int, List<RedisValue>>();
            for (var i = 0; i < request.Ack.Deliveries.Count; i++)
            {
                var delivery = request.Ack.Deliveries[i];
                var shard = (int)delivery.Shard;
                if (!plan.Shards.Contains(shard))
                {
                    throw SubscriptionValidator.Invalid(
                        $"ack.deliveries[{i}].shard {delivery.Shard} is not read by this subscription (shards {string.Join(',', plan.Shards)}): acknowledge deliveries as received");
                }

                if (!FinalBarReader.IsEntryId(delivery.EntryId))
                {
                    throw SubscriptionValidator.Invalid(
                        $"ack.deliveries[{i}].entry_id \"{delivery.EntryId}\" is not a stream entry id \"<ms>-<seq>\": send back the entry_id of the delivery");
                }

                (byShard.TryGetValue(shard, out var ids) ? ids : byShard[shard] = []).Add(delivery.EntryId);
            }

            foreach (var (shard, ids) in byShard)
            {
                var acked = await context.Redis.GetDatabase().StreamAcknowledgeAsync(context.Keys.Bars(shard), plan.Group, [.. ids]);
                Interlocked.Add(ref _acked, acked);
                foreach (var id in ids)
                {
                    _unacked.Acked(shard, (string)id!);
                }
            }
        }
    }

    private async Task DeliverFinalBarsAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var time = context.Time;
        using var watch = context.Monitor.Watch(_streams);
        await _reader.ReadOwnPendingAsync(_streams, DeliverAsync, cancellationToken);
        var nextClaim = time.GetTimestamp() + Ticks(options.ClaimInterval);
        var nextStopCheck = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetTimestamp();
            if (now >= nextStopCheck)
            {
                if (await context.StopRequests.IsRequestedAsync(plan.Group, plan.Consumer))
                {
                    throw new LiveStopRequestedException();
                }

                nextStopCheck = now + Ticks(options.StopCheckInterval);
            }

            var changed = context.Monitor.Changed(_streams);
            var released = _unacked.Released;
            var got = 0;
            try
            {
                if (now >= nextClaim)
                {
                    got += await _reader.ClaimIdleAsync(_streams, DeliverAsync, _unacked.Contains, cancellationToken);
                    nextClaim = now + Ticks(options.ClaimInterval);
                }

                if (!_unacked.Full)
                {
                    var room = Math.Min(options.ReadCount, plan.MaxUnacked - _unacked.Count);
                    got += await _reader.ReadNewAsync(_streams, room, DeliverAsync, cancellationToken);
                }
            }
            catch (RedisException ex)
            {
                LiveLog.RedisFailed(context.Logger, plan.Consumer, plan.Group, ex);
                await Task.Delay(options.MaxPollDelay, time, cancellationToken);
                continue;
            }

            if (got > 0 && !_unacked.Full)
            {
                continue;
            }

            var wake = _unacked.Full ? released : changed;
            var untilStopCheck = TimeSpan.FromSeconds(Math.Max(0, nextStopCheck - time.GetTimestamp()) / (double)time.TimestampFrequency);
            var wait = untilStopCheck < options.MaxPollDelay ? untilStopCheck : options.MaxPollDelay;
            await Task.WhenAny(wake, Task.Delay(wait, time, cancellationToken));
        }
    }

    /// <summary>Sends one entry's matching bars; false when it has nothing for this client (then it is acked unseen).</summary>
    private async Task<bool> DeliverAsync(int shard, string id, BarStreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        var bars = plan.Select(entry.Batch);
        if (bars.Count == 0)
        {
            return false;
        }

        var delivery = new BarDelivery
        {
            Shard = (uint)shard,
            EntryId = id,
            Redelivered = redelivered,
            CreatedUnixMs = entry.CreatedUnixMs,
        };
        delivery.Bars.AddRange(bars);
        _unacked.Sent(shard, id);
        await output.WriteAsync(new SubscribeResponse { Bars = delivery }, cancellationToken);
        Interlocked.Increment(ref _delivered);
        return true;
    }

    /// <summary>Stopped by an administrator: give the client a moment to acknowledge, then hand the rest over and leave.</summary>
    private async Task LeaveAsync(Task acks, CancellationToken cancellationToken)
    {
        var grace = context.Time.GetTimestamp() + Ticks(context.Options.StopAckGrace);
        while (_unacked.Count > 0 && !acks.IsCompleted && context.Time.GetTimestamp() < grace)
        {
            await Task.WhenAny(_unacked.Released, acks, Task.Delay(TimeSpan.FromMilliseconds(50), context.Time, cancellationToken));
        }

        var result = await context.HandOff.RemoveAsync(_streams, plan.Group, plan.Consumer, dropPending: false);
        await context.StopRequests.ClearAsync(plan.Group, plan.Consumer);
        LiveLog.Stopped(context.Logger, plan.Consumer, plan.Group, result.Moved, string.Join(',', result.MovedTo), result.Kept);
        var where = result.Moved > 0 ? $"{result.Moved} unacknowledged entries went to {string.Join(", ", result.MovedTo)}"
            : result.Kept > 0 ? $"{result.Kept} unacknowledged entries stay pending under this consumer until it or another consumer of the group claims them"
            : "nothing was left unacknowledged";
        throw new RpcException(new Status(StatusCode.FailedPrecondition,
            $"consumer {plan.Consumer} of group {plan.Group} was stopped by an administrator; {where}. Subscribe again to rejoin."));
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * context.Time.TimestampFrequency);
}
