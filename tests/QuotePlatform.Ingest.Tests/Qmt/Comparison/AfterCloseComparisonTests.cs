using QuotePlatform.Ingest.Sources.Qmt.Comparison;

namespace QuotePlatform.Ingest.Tests.Qmt.Comparison;

/// <summary>
/// The QMT source's after-close comparison against the simulator, whose get_market_data_ex history
/// is exactly what it pushed: a whole day gives no difference; history tampered with after the
/// close (a terminal with bad data) gives exactly the tampered bars, per field.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class AfterCloseComparisonTests(PythonFixture python)
{
    [Fact]
    public async Task Poll_WholeSimulatedDay_IngestBarsEqualQmtHistory()
    {
        await using var harness = SimulatorDay.Start(python, seed: 11);
        await SimulatorDay.WaitForCloseAsync(harness);

        SimulatorDay.BuildBars(harness);
        var report = await SimulatorDay.WaitForReportAsync(harness);

        Assert.True(report.Clean, Describe(report));
        Assert.Equal("09:31", Minute(report.FromUnixMs));
        Assert.Equal("14:59", Minute(report.ThroughUnixMs)); // 15:00 closes only with a later tick (bars closed by the data)
        // Indices, ETFs and bonds too; a suspended stock has no bars on either side.
        Assert.InRange(report.Symbols, 27 + Simulator.IndicesEtfsAndBonds, 30 + Simulator.IndicesEtfsAndBonds);
        Assert.Equal(report.Symbols * 239L, report.BarsCompared);
        Assert.Equal(0, report.QmtBarsBeforeIngestStart);
    }

    [Fact]
    public async Task Poll_QmtHistoryTampered_CountsExactlyTheTamperedBarsPerField()
    {
        await using var harness = SimulatorDay.Start(python, seed: 12);
        await SimulatorDay.WaitForCloseAsync(harness);
        var traded = SimulatorDay.TradedSymbols(harness.Received);
        var (first, second) = (traded[0], traded[1]);
        var firstBars = Simulator.MinuteBars(first, SimulatorDay.Day);
        var at1030 = firstBars[QmtHarness.At("10:30:00", SimulatorDay.Day)];
        var at1400 = firstBars[QmtHarness.At("14:00:00", SimulatorDay.Day)];

        SimulatorDay.Tamper(first, "10:30", "close", at1030.Close + 0.5);
        SimulatorDay.Tamper(first, "14:00", "close", at1400.Close - 0.25);
        SimulatorDay.Tamper(first, "14:00", "high", at1400.High + 1.0);
        SimulatorDay.Tamper(second, "11:00", "volume", 123_456);
        SimulatorDay.Tamper(second, "13:30", "delete");
        SimulatorDay.BuildBars(harness);
        var report = await SimulatorDay.WaitForReportAsync(harness);

        Assert.Equal(3, report.BarsDiffering);
        Assert.Equal(2, report[BarField.Close].BarsDiffering);
        Assert.Equal(0.5, report[BarField.Close].MaxAbsolute, 6);
        Assert.Equal(1, report[BarField.High].BarsDiffering);
        Assert.Equal(1.0, report[BarField.High].MaxAbsolute, 6);
        Assert.Equal(1, report[BarField.Volume].BarsDiffering);
        Assert.Equal(0, report[BarField.Open].BarsDiffering);
        Assert.Equal(0, report[BarField.Low].BarsDiffering);
        Assert.True(report[BarField.Amount].BarsDiffering == 0, Describe(report));
        Assert.Equal(0, report.MissingInIngest);
        Assert.Equal(1, report.MissingInQmt);
        Assert.Equal(2, report.SymbolsDiffering);
        Assert.Equal([first, second], report.WorstSymbols.Select(s => s.Symbol).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.WorstSymbols.Single(s => s.Symbol == first).BarsDiffering);
    }

    private static string Minute(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(ComparisonReport report) =>
        $"{report.BarsCompared} compared, {report.BarsDiffering} differing, {report.MissingInIngest} missing in the ingest, {report.MissingInQmt} missing in QMT; "
        + string.Join("; ", report.Fields.Select(f => $"{f.Field} {f.BarsDiffering} (max abs {f.MaxAbsolute})"))
        + "; worst " + string.Join(", ", report.WorstSymbols.Select(s => $"{s.Symbol} {s.WorstField}@{Minute(s.WorstFrameUnixMs)} {s.BarsDiffering}/{s.MissingInIngest}/{s.MissingInQmt}"));
}
