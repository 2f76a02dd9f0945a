using System.Text;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Synth;
using QuotePlatform.Cli.Tests.Simulation;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Ticks;

namespace QuotePlatform.Cli.Tests.Verify;

/// <summary>
/// A simulated day archived as the pipeline archives it (some pushes late, so some volume went into
/// later bars), then read back: `quote verify` re-derives the stored bars, `quote ticks --format jsonl`
/// through `quote synth` gives them again. Each test uses symbols of its own.
/// </summary>
public sealed class VerifyCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    private static readonly string Date = SimulatedDay.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Pushes of the morning (every 3 s from 09:15): one around 10:00, one around 11:00.
    private static readonly HashSet<int> LatePushes = [1_000, 2_200];

    private async Task<ArchivedDay> ArchiveAsync(int symbols, string startSymbol)
    {
        var day = ArchivedDay.From(SimulatedDay.Run(symbols, seed: 11, startSymbol).Bytes, LatePushes);
        await stack.ClickHouse.InsertTicksAsync(day.Ticks, CancellationToken.None);
        await stack.StoreAsync(day.Bars);
        return day;
    }

    private Task<CliResult> VerifyAsync(params string[] args) =>
        CliRun.RunAsync(VerifyCommand.Create(TimeProvider.System), ["--date", Date, .. args, "--clickhouse", stack.ClickHouseUrl]);

    [Fact]
    public async Task Verify_ArchivedDayWithLatePushes_EveryBarAgreesExit0()
    {
        var day = await ArchiveAsync(4, "600710.SH");
        Assert.Contains(day.Bars, bar => (bar.QualityFlags & (uint)Domain.Bars.BarQuality.LateVolume) != 0);

        var result = await VerifyAsync("--symbols", "600710.SH,600711.SH,600712.SH,600713.SH");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal($"verify: {day.Bars.Count} bars, 0 differing, 0 missing, 0 extra", result.Lines[^1]);
    }

    [Fact]
    public async Task Verify_StoredBarChangedAndOneMissing_ReportedPerSymbolExit6ThenRepaired()
    {
        var day = await ArchiveAsync(2, "600720.SH");
        var changed = day.Bars.First(b => b.Symbol == "600721.SH" && b.Period == Period._5M).Clone();
        changed.Close += 0.05;
        await stack.StoreAsync([changed], version: 2_000);
        var gone = day.Bars.First(b => b.Symbol == "600720.SH" && b.Period == Period._1M);
        await stack.ClickHouse.ExecuteNonQueryAsync(
            $"DELETE FROM bars WHERE symbol = '600720.SH' AND period = 1 AND frame = fromUnixTimestamp64Milli({gone.FrameUnixMs}, 'UTC')");

        var before = await VerifyAsync("--symbols", "600720.SH,600721.SH");
        var repair = await VerifyAsync("--symbols", "600720.SH,600721.SH", "--repair");
        var after = await VerifyAsync("--symbols", "600720.SH,600721.SH");

        Assert.True(before.Exit == 6, before.ToString());
        Assert.Contains($"600720.SH: {day.Bars.Count(b => b.Symbol == "600720.SH")} bars, 0 differing, 1 missing, 0 extra", before.Lines);
        Assert.Contains($"600721.SH: {day.Bars.Count(b => b.Symbol == "600721.SH")} bars, 1 differing, 0 missing, 0 extra", before.Lines);
        Assert.Equal($"verify: {day.Bars.Count} bars, 1 differing, 1 missing, 0 extra", before.Lines[^1]);
        Assert.Equal(6, repair.Exit);
        Assert.True(after.Exit == 0, after.ToString());
        Assert.Equal($"verify: {day.Bars.Count} bars, 0 differing, 0 missing, 0 extra", after.Lines[^1]);
    }

    [Fact]
    public async Task Ticks_JsonlOfArchivedDayThroughSynth_GivesTheStoredBars()
    {
        var day = await ArchiveAsync(3, "600730.SH");
        const string Symbol = "600731.SH";

        var ticks = await CliRun.RunAsync(TicksCommand.Create(TimeProvider.System), Symbol, "--from", Date, "--format", "jsonl", "--server", stack.Server);

        Assert.True(ticks.Exit == 0, ticks.ToString());
        Assert.Equal(day.Ticks.Count(t => t.Symbol == Symbol), ticks.Lines.Length);
        Assert.StartsWith($$"""{"{{Symbol}}":{"time":""", ticks.Lines[0], StringComparison.Ordinal);
        var synthesized = new MemoryStream();
        SynthRunner.Run(new MemoryStream(Encoding.UTF8.GetBytes(ticks.Output)), synthesized, TextWriter.Null, SynthSettings.Default with { Periods = [.. BarPeriods.All] });
        var synthLines = Encoding.UTF8.GetString(synthesized.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var stored = new List<string>();
        foreach (var period in new[] { "1m", "5m", "15m", "30m", "60m", "1d" })
        {
            var bars = await CliRun.RunAsync(BarsCommand.Create(TimeProvider.System), Symbol, "--period", period, "--from", Date, "--format", "jsonl", "--server", stack.Server);
            Assert.True(bars.Exit == 0, bars.ToString());
            stored.AddRange(bars.Lines);
        }

        Assert.Equal(day.Bars.Count(b => b.Symbol == Symbol), stored.Count);
        Assert.Equal(stored, synthLines);
    }
}
