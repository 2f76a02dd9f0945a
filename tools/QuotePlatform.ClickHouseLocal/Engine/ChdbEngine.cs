using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using QuotePlatform.ClickHouseLocal.Native;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>
/// The engine of this process: loads libchdb.so, opens a small pool of connections to the data path
/// at start and closes them at stop, the last one last (closing it shuts the engine down). A request
/// borrows one connection for the whole statement.
/// </summary>
internal sealed partial class ChdbEngine(IOptions<ClickHouseLocalOptions> options, ILogger<ChdbEngine> logger) : IHostedService
{
    private readonly ClickHouseLocalOptions _options = options.Value;
    private readonly Channel<ChdbConnection> _idle = Channel.CreateUnbounded<ChdbConnection>();
    private readonly List<ChdbConnection> _all = [];
    private volatile bool _serving;

    public bool IsServing => _serving;

    public string Version { get; private set; } = "";

    public string Timezone { get; private set; } = "UTC";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataPath = Path.GetFullPath(_options.DataPath);
        Directory.CreateDirectory(dataPath);
        var api = ChdbApi.Load(_options.LibraryPath);
        for (var i = 0; i < _options.PoolSize; i++)
        {
            var connection = ChdbConnection.Open(api, dataPath);
            _all.Add(connection);
            _idle.Writer.TryWrite(connection);
        }

        using (var result = _all[0].Query("SELECT version(), timezone() FORMAT TabSeparated"u8, "TabSeparated", QueryParameters.None))
        using (var reader = new StreamReader(result.OpenRead(), Encoding.UTF8))
        {
            var fields = (reader.ReadLine() ?? "").Split('\t');
            Version = fields[0];
            Timezone = fields.Length > 1 ? fields[1] : Timezone;
        }

        _serving = true;
        LogStarted(_options.PoolSize, dataPath, Version, api.EngineVersion);
        return Task.CompletedTask;
    }

    /// <summary>Waits for an idle connection; it goes back to the pool when the lease is disposed.</summary>
    public async ValueTask<ConnectionLease> RentAsync(CancellationToken cancellationToken)
    {
        if (!_serving)
        {
            throw ClickHouseException.Create(ClickHouseErrorCode.Aborted, "The server is shutting down");
        }

        var connection = await _idle.Reader.ReadAsync(cancellationToken);
        if (!_serving)
        {
            _idle.Writer.TryWrite(connection);
            throw ClickHouseException.Create(ClickHouseErrorCode.Aborted, "The server is shutting down");
        }

        return new ConnectionLease(connection, _idle.Writer);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _serving = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ShutdownTimeout);

        // Running statements finish first: a connection is closed only once it is back in the pool.
        var closed = 0;
        try
        {
            while (closed < _all.Count)
            {
                var connection = await _idle.Reader.ReadAsync(timeout.Token);
                connection.Close();
                closed++;
            }

            LogStopped(closed);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut(_all.Count - closed, _options.ShutdownTimeout);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ClickHouse engine {EngineVersion} (chDB {ChdbVersion}) serving {PoolSize} connections to {DataPath}")]
    private partial void LogStarted(int poolSize, string dataPath, string engineVersion, string chdbVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} engine connections")]
    private partial void LogStopped(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} engine connections still busy after {Timeout}; leaving them to process exit")]
    private partial void LogStopTimedOut(int count, TimeSpan timeout);
}
