using Grpc.Core;

namespace QuotePlatform.Query.Live;

/// <summary>gRPC allows one write at a time; bars, forming bars and quotes are written from separate loops.</summary>
public sealed class ResponseWriter<TResponse>(IServerStreamWriter<TResponse> output) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(TResponse response, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(response, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
