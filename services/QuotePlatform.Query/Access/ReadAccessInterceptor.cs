using Grpc.Core;
using Grpc.Core.Interceptors;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Access;

/// <summary>
/// The read API's door: names the client (<see cref="ReadKeyAuthenticator"/>), then holds it to its
/// limits (<see cref="ClientBudget"/>) before and while the call runs.
/// </summary>
internal sealed class ReadAccessInterceptor(ReadKeyAuthenticator authenticator, ClientLimiter limiter) : Interceptor
{
    private static readonly string[] LiveServices = [$"/{LiveService.Descriptor.FullName}/", $"/{WatchService.Descriptor.FullName}/"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var budget = await AdmitAsync(context);
        var response = await continuation(request, context);
        budget.Spend(BarCount.Of(response));
        return response;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var budget = await AdmitAsync(context);
        using var subscription = IsLive(context.Method) ? await budget.OpenSubscriptionAsync(context.CancellationToken) : null;
        await continuation(request, new PacedStreamWriter<TResponse>(responseStream, budget, context.CancellationToken), context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var budget = await AdmitAsync(context);
        using var subscription = IsLive(context.Method) ? await budget.OpenSubscriptionAsync(context.CancellationToken) : null;
        await continuation(requestStream, new PacedStreamWriter<TResponse>(responseStream, budget, context.CancellationToken), context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(context);
        return await continuation(requestStream, context);
    }

    private async Task<ClientBudget> AdmitAsync(ServerCallContext context)
    {
        var budget = limiter.For(authenticator.Identify(context));
        await budget.AdmitAsync(context.CancellationToken);
        return budget;
    }

    private static bool IsLive(string method) => LiveServices.Any(prefix => method.StartsWith(prefix, StringComparison.Ordinal));
}
