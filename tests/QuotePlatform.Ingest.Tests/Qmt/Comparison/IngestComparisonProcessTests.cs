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
        // Joining in the lunch break (at 600x, 13:00 comes 1 s after connecting), it sees every afternoon trade.
        await using var ingest = await IngestProcess.StartSimulatedQmtAsync(
            _relay.Address, _relay.ApiKey, _spool, start: "12:50:00", speed: 600, symbols: 30,
            new Dictionary<string, string> { ["Ingest__Qmt__CompareDelay"] = "00:00:01" });

        await Poll.UntilAsync(
            () => Task.FromResult(ingest.Output.Contains("QMT comparison 2025-06-06: the ingest's 1m bars", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2),
            () => ingest.Output);

        Assert.Contains("QMT comparison 2025-06-06: the ingest's 1m bars 13:01..14:59 equal QMT's", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("the ingest's first closed minute was 13:01", ingest.Output, StringComparison.Ordinal);
    }
}
