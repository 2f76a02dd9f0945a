namespace QuotePlatform.Testing;

/// <summary>
/// The repository's ClickHouse endpoint (QuotePlatform.ClickHouseLocal) as a process of its own, on a
/// free loopback port and a data directory that survives its restarts. The engine library is the one
/// scripts/install-chdb.sh installs (see <see cref="InstalledTool"/>).
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
            ["ClickHouseLocal:LibraryPath"] = InstalledTool.ChdbLibrary,
            ["ClickHouseLocal:DataPath"] = _directory,
            ["Logging:LogLevel:Default"] = "Warning",
        }, http2Only: false, TimeSpan.FromSeconds(90), port);
        _port = _process.Address.Port;
    }
}
