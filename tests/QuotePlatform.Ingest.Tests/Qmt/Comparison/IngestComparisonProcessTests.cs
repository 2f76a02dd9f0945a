using System.Globalization;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Qmt.Comparison;

/// <summary>
/// The ingest process (Ingest:Source=Qmt, the simulated xtdata through pythonnet, bars closed by the
/// data's clock, batches through a relay process): its own engine's bars reach the comparison, which
/// logs them equal to QMT's after the close.
/// </summary>
public sealed class IngestComparisonProcessTests : IAsyncLifetime
{
    private readonly string _spool = Directory.CreateTempSubdirectory("ingest-compare-spool-").FullName;
    private Relay _relay = null!;

    public async Task InitializeAsync() => _relay = await Relay.StartAsync();

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task IngestProcess_SimulatedAfternoon_LogsItsBarsEqualToQmtAfterTheClose()
    {
        await using var ingest = await ServiceProcess.StartAsync("QuotePlatform.Ingest", new Dictionary<string, string>
        {
            ["Ingest__Source"] = "Qmt",
            ["Ingest__BarClock"] = "Data",
            ["Ingest__Qmt__PythonDll"] = QmtTestSettings.PythonDll,
            ["Ingest__Qmt__ModuleSearchPaths__0"] = QmtTestSettings.SimulatorFolder,
            ["Ingest__Qmt__CompareDelay"] = "00:00:01",
            ["Ingest__Spool__Directory"] = _spool,
            ["Ingest__Relay__Url"] = _relay.Address.ToString(),
            ["Ingest__Relay__ApiKey"] = _relay.ApiKey,
            // Joining in the lunch break (at 600x, 13:00 comes 1 s after connecting), it sees every afternoon trade.
            ["XTSIM_DAY"] = "2025-06-06",
            ["XTSIM_START"] = "12:50:00",
            ["XTSIM_SPEED"] = "600",
            ["XTSIM_SYMBOLS"] = 30.ToString(CultureInfo.InvariantCulture),
        }, http2Only: false, TimeSpan.FromSeconds(90));

        await Eventually.WaitAsync(
            () => Task.FromResult(ingest.Output.Contains("QMT comparison 2025-06-06: the ingest's 1m bars", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2),
            () => ingest.Output);

        Assert.Contains("QMT comparison 2025-06-06: the ingest's 1m bars 13:01..14:59 equal QMT's", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("the ingest's first closed minute was 13:01", ingest.Output, StringComparison.Ordinal);
    }
}
