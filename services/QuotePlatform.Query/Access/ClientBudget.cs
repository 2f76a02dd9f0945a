using Grpc.Core;
using static System.FormattableString;
using QuotePlatform.Query.Telemetry;

namespace QuotePlatform.Query.Access;

/// <summary>One client's limits: calls per second, bars per second and open live subscriptions.</summary>
internal sealed class ClientBudget(string client, ClientLimitOptions limits, QueryMetrics metrics, TimeProvider time)
{
    private readonly TokenBucket? _requests = limits.RequestsPerSecond > 0 ? new(limits.RequestsPerSecond, time) : null;
    private readonly TokenBucket? _bars = limits.BarsPerSecond > 0 ? new(limits.BarsPerSecond, time) : null;
    private int _subscriptions;

    /// <summary>Admits a call, or refuses it with RESOURCE_EXHAUSTED naming the limit (after Query:ClientLimits:RefusalDelay).</summary>
    public async ValueTask AdmitAsync(CancellationToken cancellationToken)
    {
        if (_requests is { } requests && !requests.TryTake())
        {
            throw await ExhaustedAsync("requests", Invariant($"more than {requests.PerSecond:0.###} requests per second (Query:ClientLimits:RequestsPerSecond)"), cancellationToken);
        }

        if (_bars is { } bars && bars.Debt() > TimeSpan.Zero)
        {
            throw await ExhaustedAsync(
                "bars", Invariant($"more than {bars.PerSecond:0.###} bars per second (Query:ClientLimits:BarsPerSecond); retry in {bars.Debt().TotalSeconds:0.#} s"), cancellationToken);
        }
    }

    /// <summary>Holds one of the client's live subscriptions until disposed.</summary>
    public async ValueTask<IDisposable> OpenSubscriptionAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _subscriptions) > limits.MaxLiveSubscriptions && limits.MaxLiveSubscriptions > 0)
        {
            Interlocked.Decrement(ref _subscriptions);
            throw await ExhaustedAsync(
                "subscriptions", $"more than {limits.MaxLiveSubscriptions} live subscriptions at once (Query:ClientLimits:MaxLiveSubscriptions)", cancellationToken);
        }

        return new Subscription(this);
    }

    public void Spend(int bars) => _bars?.Spend(bars);

    /// <summary>Spends, then waits while the client is over its bars per second: a stream is slowed, not cut.</summary>
    public async ValueTask SpendAndPaceAsync(int bars, CancellationToken cancellationToken)
    {
        if (_bars is not { } bucket || bars == 0)
        {
            return;
        }

        bucket.Spend(bars);
        if (bucket.Debt() is { } wait && wait > TimeSpan.Zero)
        {
            metrics.Limited(client, "bars_paced");
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task<RpcException> ExhaustedAsync(string limit, string detail, CancellationToken cancellationToken)
    {
        metrics.Limited(client, limit);
        if (limits.RefusalDelay > TimeSpan.Zero)
        {
            await Task.Delay(limits.RefusalDelay, time, cancellationToken);
        }

        return new RpcException(new Status(StatusCode.ResourceExhausted, $"client {client} is over its limit: {detail}"));
    }

    private sealed class Subscription(ClientBudget budget) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref budget._subscriptions);
            }
        }
    }
}
