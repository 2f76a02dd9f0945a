using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Benchmarks.Live;

/// <summary>
/// One misbehaving client: 32 loops asking GetQuotes for a thousand symbols as fast as answers come,
/// retrying at once when refused, and opening subscriptions it never reads beyond what it may hold.
/// </summary>
internal static class Hammer
{
    public sealed record Tally(long Served, long Exhausted, long Other);

    /// <summary>The thousand symbols (at most) whose quotes the hammer asks for.</summary>
    public static IEnumerable<string> Symbols(int symbols) => Enumerable.Range(0, Math.Min(symbols, 1000)).Select(i => $"{600000 + i:D6}.SH");

    public static async Task<Tally> RunAsync(Uri address, string key, int symbols, CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var headers = new Metadata { { "x-api-key", key } };
        var query = new QueryService.QueryServiceClient(channel);
        var live = new LiveService.LiveServiceClient(channel);
        var request = new GetQuotesRequest { Symbols = { Symbols(symbols) } };
        long served = 0, exhausted = 0, other = 0;

        void Count(StatusCode status)
        {
            if (status == StatusCode.ResourceExhausted)
            {
                Interlocked.Increment(ref exhausted);
            }
            else if (status is not StatusCode.Cancelled)
            {
                Interlocked.Increment(ref other);
            }
        }

        async Task LoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await query.GetQuotesAsync(request, headers, cancellationToken: stop);
                    Interlocked.Increment(ref served);
                }
                catch (Exception ex) when (ex is RpcException or OperationCanceledException or HttpRequestException)
                {
                    Count(ex is RpcException refused ? refused.StatusCode : StatusCode.Cancelled);
                }
            }
        }

        async Task SubscribeAsync()
        {
            var held = new List<AsyncDuplexStreamingCall<SubscribeRequest, SubscribeResponse>>();
            try
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var call = live.Subscribe(headers, cancellationToken: stop);
                    try
                    {
                        await call.RequestStream.WriteAsync(new SubscribeRequest
                        {
                            Subscribe = new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = $"hammer{i}", Symbols = { "600000.SH" } },
                        }, stop);
                        await call.ResponseStream.MoveNext(stop);
                        held.Add(call);
                    }
                    catch (Exception ex)
                    {
                        // A refused call may also surface as the HTTP/2 stream reset under it.
                        Count(ex switch { RpcException refused => refused.StatusCode, OperationCanceledException => StatusCode.Cancelled, _ => StatusCode.Unknown });
                        call.Dispose();
                    }
                }
            }
            finally
            {
                held.ForEach(call => call.Dispose());
            }
        }

        await Task.WhenAll([.. Enumerable.Range(0, 32).Select(_ => Task.Run(LoopAsync, CancellationToken.None)), Task.Run(SubscribeAsync, CancellationToken.None)]);
        return new Tally(served, exhausted, other);
    }
}
