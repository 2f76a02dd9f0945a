using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// Crashes and outages in the middle of a replay: whatever happens, every final bar of the day is in
/// Redis exactly once, with the values the engine makes of the same ticks offline.
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    // A recorded day (5.75 h of ticks) replayed at this pace takes about ten seconds: time to break things.
    private const double Speed = 2_000;

    private RecordedDay _day = null!;
    private Relay _relay = null!;

    private string Spool => Path.Combine(_day.Directory, "spool");

    public async Task InitializeAsync()
    {
        _day = await RecordedDay.CreateAsync();
        _relay = await Relay.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        _day.Dispose();
    }

    [Fact]
    public async Task KillMidStream_RestartedOnTheSameSpool_EveryBarOnce()
    {
        await using (var crashed = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool, Speed))
        {
            await Poll.UntilAsync(async () => await _relay.FinalBarCountAsync() > 1_000, TimeSpan.FromMinutes(2), () => crashed.Output);
            await crashed.KillAsync();
        }

        var beforeRestart = await _relay.FinalBarCountAsync();
        await using var restarted = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);

        var exit = await restarted.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{restarted.Output}");
        Assert.InRange(beforeRestart, 1_001, _day.ExpectedFinalBars.Count - 1);
        Assert.Contains("was not closed cleanly", restarted.Output, StringComparison.Ordinal);
        Assert.Contains("resuming after step", restarted.Output, StringComparison.Ordinal);
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync());
    }

    [Fact]
    public async Task RelayDownForAWhile_SpoolFillsAppliesBackPressureThenDrains_NothingLostNothingDoubled()
    {
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool, Speed, new Dictionary<string, string>
        {
            ["Ingest__Spool__MaxBytes"] = "65536",
        });
        await Poll.UntilAsync(async () => await _relay.FinalBarCountAsync() > 500, TimeSpan.FromMinutes(2), () => ingest.Output);

        await _relay.KillAsync();
        await Poll.UntilAsync(() => Task.FromResult(ingest.Output.Contains("SPOOL FULL", StringComparison.Ordinal)), TimeSpan.FromMinutes(2), () => ingest.Output);
        await _relay.RestartAsync();
        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{ingest.Output}");
        Assert.Contains("Spool has room again", ingest.Output, StringComparison.Ordinal);
        Assert.Matches(@"back-pressure [1-9]", ingest.Output);
        Assert.Matches(@"reconnects [1-9]", ingest.Output);
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync());
    }

    private async Task<List<string>> StoredAsync() =>
        [.. (await _relay.FinalBarsAsync()).Select(RecordedDay.Key).Order(StringComparer.Ordinal)];
}
