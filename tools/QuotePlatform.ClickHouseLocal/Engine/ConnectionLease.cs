using System.Threading.Channels;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>A connection borrowed from the pool for one request.</summary>
internal sealed class ConnectionLease(ChdbConnection connection, ChannelWriter<ChdbConnection> pool) : IDisposable
{
    private ChdbConnection? _connection = connection;

    public ChdbConnection Connection => _connection ?? throw new ObjectDisposedException(nameof(ConnectionLease));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } returned)
        {
            pool.TryWrite(returned);
        }
    }
}
