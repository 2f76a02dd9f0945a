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
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound)
        {
            metrics.Rejected(context.Method, ex.StatusCode);
            LogRejected(context.Method, ex.StatusCode, ex.Status.Detail);
            throw;
        }
        catch (Exception ex) when (ex is not RpcException && context.CancellationToken.IsCancellationRequested)
        {
            // Whatever a store call threw once the caller left or its deadline passed is the
            // consequence, not the cause: say which it was rather than UNKNOWN.
            throw context.Deadline <= time.GetUtcNow().UtcDateTime
                ? new RpcException(new Status(StatusCode.DeadlineExceeded, "the deadline passed before the answer was ready"))
                : new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled by the client"));
        }
        catch (Exception ex) when (Unavailable(ex) is { } store)
        {
            metrics.StoreFailed(context.Method);
            LogStoreFailed(context.Method, store, ex);
            throw new RpcException(new Status(StatusCode.Unavailable, $"{store} is unavailable ({ex.Message}); try again shortly"));
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
