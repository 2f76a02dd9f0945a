using Python.Runtime;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;

namespace QuotePlatform.Ingest.Tests.Qmt.Comparison;

/// <summary>What the comparison tests do with the simulator: a day through the QMT source, the engine's bars into the book, tampering.</summary>
internal static class SimulatorDay
{
    public const string Day = "2025-06-06";

    /// <summary>
    /// A whole simulated day of 30 symbols at 1200× (about 18 s). The source connects at 09:05, well
    /// before the 09:25 auction match, so it sees every trade of the day as QMT records it.
    /// </summary>
    public static QmtHarness Start(PythonFixture python, int seed)
    {
        Simulator.Configure(("day", Day), ("symbols", 30), ("speed", 1200.0), ("start", "09:05:00"), ("seed", seed));
        var harness = new QmtHarness(python.Runtime, ("CompareDelay", "00:00:00.200"));
        harness.Start();
        return harness;
    }

    public static Task WaitForCloseAsync(QmtHarness harness) =>
        harness.WaitUntilAsync(pushes => QmtHarness.LatestTickTime(pushes) >= QmtHarness.At("15:00:00", Day), "the closing auction's push", TimeSpan.FromMinutes(3));

    /// <summary>The ingest engine's work (as EngineStage does it, bars closed by the data's clock) into the source's minute book.</summary>
    public static void BuildBars(QmtHarness harness)
    {
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = true }, new MinuteBookSink(harness.Get<MinuteBook>(), next: null));
        var watermark = long.MinValue;
        foreach (var tick in harness.Received.SelectMany(push => push.Ticks))
        {
            var handle = engine.GetHandle(tick.Symbol);
            if (handle >= 0 && tick.Tick.TimeUnixMs > watermark)
            {
                watermark = tick.Tick.TimeUnixMs;
                engine.AdvanceWatermark(watermark);
            }

            engine.OnTick(handle, tick.Tick);
        }
    }

    public static async Task<ComparisonReport> WaitForReportAsync(QmtHarness harness)
    {
        var comparison = harness.Get<AfterCloseComparison>();
        using var expiry = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (comparison.LastReport is null)
        {
            await Task.Delay(50, expiry.Token);
        }

        return comparison.LastReport;
    }

    /// <summary>Symbols pushed with volume: they have traded bars to tamper with.</summary>
    public static string[] TradedSymbols(List<TickPush> pushes) =>
        [.. pushes.SelectMany(p => p.Ticks).Where(t => t.Tick.VolumeLots > 0).Select(t => t.Symbol).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>sim_tamper: QMT's history of one bar altered (or deleted) after the fact; the pushes stay as they were.</summary>
    public static void Tamper(string code, string barEnd, string field, double? value = null)
    {
        using (Py.GIL())
        {
            using var module = Py.Import("xtquant.xtdata");
            using var found = module.InvokeMethod("sim_tamper", new PyString(code), new PyString(barEnd), new PyString(field),
                value is { } v ? new PyFloat(v) : PyObject.None);
            Assert.True(found.IsTrue(), $"no {barEnd} bar of {code} in the simulator's history");
        }
    }
}
