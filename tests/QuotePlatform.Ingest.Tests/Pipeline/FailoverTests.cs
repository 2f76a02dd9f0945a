using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// Two ingests of one feed replay the same recorded day: one holds the lease and publishes, the other
/// runs warm. Whatever happens to the holder, every final bar of the day is in Redis exactly once,
/// with the values the engine makes of the same ticks offline.
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const double Speed = 2_000;
    private const string Feed = "cn-a";

    private RecordedDay _day = null!;
    private Relay _relay = null!;

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
    public async Task HolderKilledMidDay_StandbyTakesOverFromFirstUnstoredMinute_EveryBarOnce()
    {
        await using var holder = await StartAsync(_relay.ApiKey, "holder");
        await Poll.UntilAsync(() => holder.Output.Contains("holds the lease under epoch 1", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "the first ingest never held the lease");
        await using var standby = await StartAsync(_relay.StandbyApiKey, "standby");
        await Poll.UntilAsync(() => Task.FromResult(standby.Output.Contains("standby, ingest-test holds the lease", StringComparison.Ordinal)), TimeSpan.FromMinutes(2), () => standby.Output);
        await Poll.UntilAsync(async () => await _relay.FinalBarCountAsync() > 1_000, TimeSpan.FromMinutes(2), () => holder.Output);

        await holder.KillAsync();
        var exit = await standby.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{standby.Output}");
        Assert.Contains("holds the lease under epoch 2 (granted)", standby.Output, StringComparison.Ordinal);
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync());
    }

    [Fact]
    public async Task BothRunToTheEnd_OnlyTheHolderPublishes_EveryBarOnce()
    {
        await using var holder = await StartAsync(_relay.ApiKey, "holder");
        await Poll.UntilAsync(() => holder.Output.Contains("holds the lease under epoch 1", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "the first ingest never held the lease");
        await using var standby = await StartAsync(_relay.StandbyApiKey, "standby");

        var exits = await Task.WhenAll(holder.WaitForExitAsync(IngestProcess.ExitTimeout), standby.WaitForExitAsync(IngestProcess.ExitTimeout));

        Assert.True(exits.All(exit => exit == 0), $"exits {string.Join(", ", exits)}\n{holder.Output}\n{standby.Output}");
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync());
    }

    private Task<ServiceProcess> StartAsync(string apiKey, string name) =>
        IngestProcess.StartReplayAsync(_day, _relay.Address, apiKey, Path.Combine(_day.Directory, name), Speed, new Dictionary<string, string>
        {
            ["Ingest__Feed"] = Feed,
        });

    private async Task<List<string>> StoredAsync() =>
        [.. (await _relay.FinalBarsAsync()).Select(RecordedDay.Key).Order(StringComparer.Ordinal)];
}
