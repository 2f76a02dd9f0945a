using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.FullMarket.Chaos;

/// <summary>
/// A ClickHouse endpoint of the scenario's own (the shared one must not be stopped), on a data
/// directory that survives its restarts. The engine library is the one scripts/dev.sh installed
/// (QP_CHDB_LIBRARY), or found in its cache folder.
/// </summary>
public sealed class ClickHouseEndpointProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qp-chaos-clickhouse-").FullName;
    private ServiceProcess? _process;
    private int? _port;

    public Uri Address => _process!.Address;

    public string Url => Address.GetLeftPart(UriPartial.Authority);

    public int? ProcessId => _process?.ProcessId;

    public static async Task<ClickHouseEndpointProcess> StartAsync()
    {
        var endpoint = new ClickHouseEndpointProcess();
        await endpoint.LaunchAsync(port: null);
        return endpoint;
    }

    /// <summary>Stops it as an orchestrator does (SIGTERM) and starts it again on the same port and data after <paramref name="down"/>.</summary>
    public async Task StopAndRestartAsync(TimeSpan down)
    {
        await _process!.DisposeAsync();
        await Task.Delay(down);
        await LaunchAsync(_port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task LaunchAsync(int? port)
    {
        _process = await ServiceProcess.StartAsync("QuotePlatform.ClickHouseLocal", new Dictionary<string, string>
        {
            ["ClickHouseLocal:LibraryPath"] = Library(),
            ["ClickHouseLocal:DataPath"] = _directory,
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2Only: false, TimeSpan.FromSeconds(90), port);
        _port = _process.Address.Port;
    }

    private static string Library()
    {
        if (Environment.GetEnvironmentVariable("QP_CHDB_LIBRARY") is { Length: > 0 } library)
        {
            return library;
        }

        var cache = Environment.GetEnvironmentVariable("QP_CACHE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "quote-platform");
        return Directory.EnumerateFiles(Path.Combine(cache, "chdb"), "libchdb.so", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new InvalidOperationException("libchdb.so not found: set QP_CHDB_LIBRARY or run scripts/install-chdb.sh");
    }
}
