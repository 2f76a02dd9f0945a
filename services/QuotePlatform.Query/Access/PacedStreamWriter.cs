using Grpc.Core;

namespace QuotePlatform.Query.Access;

/// <summary>A response stream whose messages are charged to the client's bars per second.</summary>
internal sealed class PacedStreamWriter<T>(IServerStreamWriter<T> inner, ClientBudget budget, CancellationToken callEnded) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, callEnded);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        // Paid after writing: the message that overdraws goes out, the next waits for the debt.
        await inner.WriteAsync(message, cancellationToken);
        await budget.SpendAndPaceAsync(BarCount.Of(message), cancellationToken);
    }
}
