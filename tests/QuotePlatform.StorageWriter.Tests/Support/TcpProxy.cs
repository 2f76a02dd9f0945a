using System.Net;
using System.Net.Sockets;

namespace QuotePlatform.StorageWriter.Tests.Support;

/// <summary>
/// Forwards a loopback port to the real ClickHouse endpoint. Stopping it cuts every connection and
/// refuses new ones, which is what a writer sees when ClickHouse goes away; starting it again on
/// the same port brings ClickHouse back. With <see cref="Forwarding"/> off it accepts and at once closes
/// every connection, counting them, so a test can wait until a client has tried.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly Uri _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private int _accepted;

    public TcpProxy(Uri target)
    {
        _target = target;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Off: connections are accepted and closed at once, as by a server that is going down.</summary>
    public bool Forwarding { get; set; } = true;

    /// <summary>Connections accepted since the proxy was made.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            if (!Forwarding)
            {
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, cancellationToken);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), linked.Token),
                server.GetStream().CopyToAsync(client.GetStream(), linked.Token));
            await linked.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
