using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Live;

/// <summary>quoteplatform.query.v1.LiveService: the first request subscribes, later ones acknowledge.</summary>
public sealed class LiveGrpcService(SubscriptionValidator validator, LiveContext live) : LiveService.LiveServiceBase
{
    public override async Task Subscribe(
        IAsyncStreamReader<SubscribeRequest> requestStream, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            throw SubscriptionValidator.Invalid("the call ended before a request: send a request with subscribe first");
        }

        if (requestStream.Current.KindCase != SubscribeRequest.KindOneofCase.Subscribe)
        {
            throw SubscriptionValidator.Invalid("the first request must carry subscribe (symbols, periods, mode, group, consumer); acks come after");
        }

        var plan = validator.Validate(requestStream.Current.Subscribe);
        using var output = new ResponseWriter<SubscribeResponse>(responseStream);
        try
        {
            await new LiveSession(plan, output, live).RunAsync(requestStream, cancellationToken);
        }
        catch (StackExchange.Redis.RedisException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // (A read cut short by the deadline or the client leaving is not a Redis failure: the
            // call then ends with the deadline's or the cancellation's own status.)
            throw new RpcException(new Status(StatusCode.Unavailable, $"Redis is unavailable ({ex.Message}); retry the subscription with the same group and consumer to resume"));
        }
    }
}
