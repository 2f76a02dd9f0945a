using Grpc.Core;
using Grpc.Core.Interceptors;
using QuotePlatform.Contracts.Ingest.V1;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// Sees every batch the real ingest writes to the relay (its publisher sends the spooled bytes), so
/// the harness knows when each frame's final bars left the ingest without changing the ingest.
/// </summary>
public sealed class SentBatchTap(Action<PublishRequest> sent) : Interceptor
{
    public long Batches => Interlocked.Read(ref _batches);

    private long _batches;

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(context);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new TappedWriter<TRequest>(call.RequestStream, Seen), call.ResponseStream, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private void Seen(object request)
    {
        Interlocked.Increment(ref _batches);
        sent(request switch
        {
            byte[] bytes => PublishRequest.Parser.ParseFrom(bytes),
            PublishRequest batch => batch,
            _ => new PublishRequest(),
        });
    }

    private sealed class TappedWriter<T>(IClientStreamWriter<T> inner, Action<object> seen) : IClientStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            await inner.WriteAsync(message);
            seen(message!);
        }

        // The ingest's publisher passes its token to every write.
        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(message, cancellationToken);
            seen(message!);
        }

        public Task CompleteAsync() => inner.CompleteAsync();
    }
}
