using ClickHouse.Driver;
using Grpc.Core;
using Grpc.Core.Interceptors;
using QuotePlatform.Query.Telemetry;
using StackExchange.Redis;

namespace QuotePlatform.Query.Api;

/// <summary>
/// Turns a store that cannot be reached into UNAVAILABLE (a status clients retry on) instead of
/// UNKNOWN, reports a call its caller abandoned as CANCELLED or DEADLINE_EXCEEDED, and counts
/// refused requests, so a rejection is visible and never silent.
/// </summary>
internal sealed partial class StoreFailureInterceptor(QueryMetrics metrics, TimeProvider time, ILogger<StoreFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Replacement(ex, context) is { } replacement)
        {
            throw replacement;
        }
    }

    /// <summary>
    /// Server streams get the same: StreamBarPanel relies on it; WatchSymbol maps its own store
    /// failures to statuses, which pass through unchanged, and its refused requests are counted.
    /// </summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Replacement(ex, context) is { } replacement)
        {
            throw replacement;
        }
    }

    /// <summary>
    /// Counts and logs a refusal or a store failure; the exception to answer with instead, or null to
    /// let the original through (exception filters run before the stack unwinds, so it keeps its stack).
    /// </summary>
    private RpcException? Replacement(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.NotFound } refused:
                metrics.Rejected(context.Method, refused.StatusCode);
                LogRejected(context.Method, refused.StatusCode, refused.Status.Detail);
                return null;
            case not RpcException when context.CancellationToken.IsCancellationRequested:
                // Whatever a store call threw once the caller left or its deadline passed is the
                // consequence, not the cause: say which it was rather than UNKNOWN.
                return context.Deadline <= time.GetUtcNow().UtcDateTime
                    ? new RpcException(new Status(StatusCode.DeadlineExceeded, "the deadline passed before the answer was ready"))
                    : new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled by the client"));
            default:
                if (Unavailable(ex) is not { } store)
                {
                    return null;
                }

                metrics.StoreFailed(context.Method);
                LogStoreFailed(context.Method, store, ex);
                return new RpcException(new Status(StatusCode.Unavailable, $"{store} is unavailable ({ex.Message}); try again shortly"));
        }
    }

    /// <summary>The store behind an exception that means "cannot reach it", else null.</summary>
    private static string? Unavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException => "Redis",
        HttpRequestException => "ClickHouse",
        ClickHouseServerException { ErrorCode: 60 } => "a table of ClickHouse's schema (run `quote migrate` or start the storage writer)",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} refused with {Status}: {Detail}")]
    private partial void LogRejected(string method, StatusCode status, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed: {Store} unavailable")]
    private partial void LogStoreFailed(string method, string store, Exception exception);
}
