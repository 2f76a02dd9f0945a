using System.Globalization;
using Grpc.Core;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Live;

/// <summary>
/// One LiveService.Subscribe call: subscribes, hands every message to the handlers and acknowledges
/// each bar delivery once its handler has returned (so a consumer that dies loses nothing: what it
/// had not acknowledged comes again when it reconnects under the same name). Progress goes to stderr.
/// </summary>
internal sealed class SubscriptionCall(QueryConnection connection, TextWriter progress, TimeProvider time)
{
    /// <summary>After the last wanted bar, how long the server gets to take the final acks and end the call.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <param name="maxBars">Stop after this many final bars (0: until cancelled or ended by the server).</param>
    public async Task<LiveSummary> RunAsync(Subscription subscription, LiveHandlers handlers, long maxBars, bool showProgress, CancellationToken cancellationToken)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = connection.Live.Subscribe(cancellationToken: ending.Token);
        await call.RequestStream.WriteAsync(new SubscribeRequest { Subscribe = subscription }, cancellationToken);

        string group = subscription.Group, consumer = subscription.Consumer, reason = "the server ended the subscription";
        long deliveries = 0, bars = 0, redelivered = 0;
        var lastProgress = time.GetTimestamp();
        var completed = false;
        try
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync(ending.Token))
            {
                if (completed)
                {
                    // Arrived after the last wanted bar: left unacknowledged, so it comes again on reconnect.
                    continue;
                }

                switch (response.KindCase)
                {
                    case SubscribeResponse.KindOneofCase.Subscribed:
                        (group, consumer) = (response.Subscribed.Group, response.Subscribed.Consumer);
                        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"subscribed: consumer {consumer} of group {group}, shards {string.Join(',', response.Subscribed.Shards)}, {response.Subscribed.Redelivering} unacknowledged entries coming again"));
                        break;
                    case SubscribeResponse.KindOneofCase.Bars:
                        var delivery = response.Bars;
                        await handlers.Bars(delivery, cancellationToken);
                        var ack = new Ack();
                        ack.Deliveries.Add(new DeliveryRef { Shard = delivery.Shard, EntryId = delivery.EntryId });
                        await call.RequestStream.WriteAsync(new SubscribeRequest { Ack = ack }, cancellationToken);
                        deliveries++;
                        bars += delivery.Bars.Count;
                        redelivered += delivery.Redelivered ? 1 : 0;
                        break;
                    case SubscribeResponse.KindOneofCase.Forming when handlers.Forming is not null:
                        await handlers.Forming(response.Forming, cancellationToken);
                        break;
                    case SubscribeResponse.KindOneofCase.Quotes when handlers.Quotes is not null:
                        await handlers.Quotes(response.Quotes, cancellationToken);
                        break;
                }

                if (showProgress && time.GetElapsedTime(lastProgress) >= ProgressInterval)
                {
                    lastProgress = time.GetTimestamp();
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"consumed {bars} bars in {deliveries} deliveries"));
                }

                if (maxBars > 0 && bars >= maxBars)
                {
                    // Completing our side lets the server take the acks written before it and end the call.
                    reason = string.Create(CultureInfo.InvariantCulture, $"reached --count {maxBars}");
                    completed = true;
                    await call.RequestStream.CompleteAsync();
                    ending.CancelAfter(CloseGrace);
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && (completed || cancellationToken.IsCancellationRequested))
        {
            reason = completed ? reason : "interrupted";
        }
        catch (OperationCanceledException) when (completed || cancellationToken.IsCancellationRequested)
        {
            reason = completed ? reason : "interrupted";
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            reason = $"stopped by an administrator: {ex.Status.Detail}";
        }

        return new LiveSummary(group, consumer, deliveries, bars, redelivered, reason);
    }
}
