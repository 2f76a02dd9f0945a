using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// Two ingests of one feed, each reading its own simulated terminal of the same market (same seed and
/// clock, the second 5 ms behind). The holder's terminal stalls: it gives the lease up, the standby
/// publishes from the first minute not stored, and the stored bars are those one ingest alone makes.
/// </summary>
public sealed class TerminalStallFailoverTests : IAsyncDisposable
{
    private const int Symbols = 20;
    private const int Speed = 120;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ingest-stall-");

    [Fact]
    public async Task HolderTerminalStalls_StandbyTakesOver_BarsAsOneIngestAloneMakesThem()
    {
        await using var alone = await Relay.StartAsync();
        await using var pair = await Relay.StartAsync();
        // Far enough ahead that every terminal has loaded before the first push is due.
        var anchor = TimeProvider.System.GetUtcNow().AddSeconds(25).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await using var reference = await StartAsync(alone, alone.ApiKey, "alone", anchor, new() { ["XTSIM_LAG_MS"] = "0" });
        await using var holder = await StartAsync(pair, pair.ApiKey, "holder", anchor, new()
        {
            ["Ingest__Feed"] = "cn-a",
            ["XTSIM_STALL_AT"] = "14:47:00",
            ["XTSIM_STALL_SECONDS"] = "600",
            ["Ingest__Qmt__StallTimeout"] = "00:00:02",
        });
        await Poll.UntilAsync(() => Task.FromResult(holder.Output.Contains("holds the lease under epoch 1", StringComparison.Ordinal)), TimeSpan.FromMinutes(1), () => holder.Output);
        await using var standby = await StartAsync(pair, pair.StandbyApiKey, "standby", anchor, new()
        {
            ["Ingest__Feed"] = "cn-a",
            ["Ingest__Relay__ProducerId"] = "ingest-standby",
            ["XTSIM_LAG_MS"] = "5",
        });

        var expected = await ClosedDayAsync(alone, reference);
        var stored = await ClosedDayAsync(pair, standby);

        Assert.Contains("lease released", holder.Output, StringComparison.Ordinal);
        Assert.Contains("holds the lease under epoch 2 (granted)", standby.Output, StringComparison.Ordinal);
        Assert.Equal(expected, stored);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        _work.Delete(recursive: true);
    }

    private Task<ServiceProcess> StartAsync(Relay relay, string apiKey, string name, string anchor, Dictionary<string, string> extra)
    {
        extra["XTSIM_CLOCK_ANCHOR_MS"] = anchor;
        extra["XTSIM_SEED"] = "11";
        return IngestProcess.StartSimulatedQmtAsync(relay.Address, apiKey, Path.Combine(_work.FullName, name), start: "14:40:00", Speed, Symbols, extra);
    }

    /// <summary>The minute bars once the 15:00 bar of every symbol is stored, as sorted keys with values (any copy shows twice).</summary>
    private static async Task<List<string>> ClosedDayAsync(Relay relay, ServiceProcess ingest)
    {
        var close = new DateTimeOffset(2025, 6, 6, 15, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var bars = new List<Bar>();
        await Poll.UntilAsync(async () =>
        {
            bars = [.. (await relay.FinalBarsAsync()).Where(b => b.Period != Period._1D)];
            var symbols = bars.Select(b => b.Symbol).Distinct().Count();
            return symbols > 0 && bars.Count(b => b.Period == Period._1M && b.FrameUnixMs == close) == symbols;
        }, TimeSpan.FromMinutes(3), () => ingest.Output);
        return [.. bars.Select(RecordedDay.Key).Order(StringComparer.Ordinal)];
    }
}
