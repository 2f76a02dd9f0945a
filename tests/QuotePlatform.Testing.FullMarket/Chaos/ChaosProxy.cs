using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>
/// A TCP proxy on loopback between a service and what it talks to, where faults are injected: added
/// latency on answers, every open connection cut at once (a network drop), and hooks on ClickHouse
/// HTTP traffic that fire when an INSERT request starts and when its answer comes back, so a writer
/// can be killed exactly before its insert or after the insert and before its ack. A hook returning
/// false drops that data and the connection.
/// </summary>
public sealed class ChaosProxy : IAsyncDisposable
{
    private static readonly byte[] InsertMarker = Encoding.ASCII.GetBytes("INSERT");
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _connections = [];
    private readonly Task _accepting;
    private long _insertRequests;
    private long _insertAnswers;

    public ChaosProxy(int targetPort)
    {
        TargetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int TargetPort { get; set; }

    /// <summary>Added before every chunk of an answer is passed back (a slow server).</summary>
    public TimeSpan AnswerLatency { get; set; }

    /// <summary>An INSERT request is about to be forwarded; false drops it (the server never sees it).</summary>
    public Func<bool>? BeforeInsert { get; set; }

    /// <summary>The server answered an INSERT; false drops the answer (the client never sees it).</summary>
    public Func<bool>? AfterInsertAnswered { get; set; }

    public long Connections { get; private set; }

    public long InsertRequests => Interlocked.Read(ref _insertRequests);

    public long InsertAnswers => Interlocked.Read(ref _insertAnswers);

    public long Cuts { get; private set; }

    /// <summary>While true, every open connection is cut and new ones are closed at once (a network path down).</summary>
    public bool Blocked
    {
        get => _blocked;
        set
        {
            _blocked = value;
            if (value)
            {
                CutAll();
            }
        }
    }

    private volatile bool _blocked;

    /// <summary>Resets every open connection (both sides), as a dropped network path does.</summary>
    public void CutAll()
    {
        lock (_connections)
        {
            foreach (var (client, server) in _connections)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                server.Client.LingerState = new LingerOption(true, 0);
                client.Close();
                server.Close();
                Cuts++;
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        if (_blocked)
        {
            client.Close();
            return;
        }

        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, TargetPort, _stop.Token);
        }
        catch (SocketException)
        {
            // The target is down: the client sees its connection refused-like close.
            client.Close();
            server.Dispose();
            return;
        }

        client.NoDelay = server.NoDelay = true;
        lock (_connections)
        {
            _connections.Add((client, server));
            Connections++;
        }

        var insertPending = false;
        var up = PumpAsync(client, server, chunk =>
        {
            if (chunk.AsSpan().IndexOf(InsertMarker) < 0)
            {
                return true;
            }

            insertPending = true;
            Interlocked.Increment(ref _insertRequests);
            return BeforeInsert?.Invoke() ?? true;
        });
        var down = PumpAsync(server, client, _ =>
        {
            if (!insertPending)
            {
                return true;
            }

            insertPending = false;
            Interlocked.Increment(ref _insertAnswers);
            return AfterInsertAnswered?.Invoke() ?? true;
        }, delayed: true);
        await Task.WhenAny(up, down);
        lock (_connections)
        {
            _connections.Remove((client, server));
        }

        client.Close();
        server.Close();
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, Func<byte[], bool> pass, bool delayed = false)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (!pass(buffer[..read]))
                {
                    return;
                }

                if (delayed && AnswerLatency > TimeSpan.Zero)
                {
                    await Task.Delay(AnswerLatency, _stop.Token);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A cut, or the other side went away: the connection ends.
        }
    }
}
