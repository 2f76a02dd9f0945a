using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// The ingest process with Ingest:Source = Qmt: CPython through pythonnet running the simulated
/// xtdata (an afternoon at 120×), bars closed by the data's clock, batches through a relay process.
/// </summary>
public sealed class QmtPipelineTests : IAsyncLifetime
{
    private const int Symbols = 30;
    private readonly string _spool = Directory.CreateTempSubdirectory("ingest-qmt-spool-").FullName;
    private Relay _relay = null!;

    public async Task InitializeAsync() => _relay = await Relay.StartAsync();

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task QmtSource_SimulatedAfternoon_FinalMinuteBarsOfEverySymbolReachRedis()
    {
        await using var ingest = await IngestProcess.StartSimulatedQmtAsync(
            _relay.Address, _relay.ApiKey, _spool, start: "14:40:00", speed: 120, Symbols,
            new Dictionary<string, string> { ["Ingest__ReportInterval"] = "00:00:01" });

        var minutes = new List<Bar>();
        await Poll.UntilAsync(
            async () =>
            {
                minutes = [.. (await _relay.FinalBarsAsync()).Where(b => b.Period == Period._1M)];
                return minutes.Select(b => b.FrameUnixMs).Distinct().Count() >= 5;
            },
            TimeSpan.FromMinutes(2),
            () => ingest.Output);

        var day = BeijingTime.DayNumber(new DateTimeOffset(2025, 6, 6, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds());
        Assert.All(minutes, bar => Assert.Equal(day, BeijingTime.DayNumber(bar.FrameUnixMs)));
        Assert.InRange(minutes.Select(b => b.Symbol).Distinct().Count(), Symbols - 3 + Qmt.Simulator.IndicesEtfsAndBonds, Symbols + Qmt.Simulator.IndicesEtfsAndBonds);
        Assert.Equal(minutes.Count, minutes.Select(b => (b.Symbol, b.FrameUnixMs)).Distinct().Count());
        Assert.Contains("callbacks ", ingest.Output, StringComparison.Ordinal);
    }
}
