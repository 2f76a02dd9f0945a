using QuotePlatform.Ingest.Sources.Qmt;

namespace QuotePlatform.Ingest.Tests.Qmt;

[Collection(PythonCollection.Name)]
public sealed class QmtFallbackTests(PythonFixture python)
{
    private const string Day = "2025-06-06";

    [Fact]
    public async Task RunAsync_WholeQuoteRefused_SubscribesPerStockAndTurnsMinuteBarsIntoTicks()
    {
        Simulator.Configure(("day", Day), ("symbols", 30), ("speed", 120.0), ("start", "09:59:00"), ("seed", 7), ("refuse", "whole"));
        await using var harness = new QmtHarness(python.Runtime);
        harness.Start();

        // Bars push as soon as each stock is subscribed, so the pushes can come before the source has
        // finished subscribing and published its mode and counts: wait for both.
        await harness.WaitUntilAsync(
            pushes => harness.Statistics.Mode != QmtMode.NotConnected && pushes.Select(p => p.Ticks[0].Symbol).Distinct().Count() >= 10,
            "subscribing done and bar pushes of ten stocks");

        Assert.Equal(QmtMode.PerStockMinuteBars, harness.Statistics.Mode);
        Assert.Equal(30 + Simulator.IndicesEtfsAndBonds, harness.Statistics.PerStockAttempted);
        Assert.Equal(30 + Simulator.IndicesEtfsAndBonds, harness.Statistics.PerStockAccepted);
        // Each push is one stock's forming bar, replayed as ticks in the bar's last second.
        Assert.All(harness.Received.SelectMany(p => p.Ticks), t =>
        {
            Assert.InRange(t.Tick.TimeUnixMs % 60_000, 59_000, 59_999);
            Assert.True(t.Tick.LastPrice > 0 && t.Tick.VolumeLots > 0);
        });
    }

    [Fact]
    public async Task RunAsync_SomePerStockSubscriptionsRefused_CountsTheSuccessRate()
    {
        Simulator.Configure(("day", Day), ("symbols", 40), ("speed", 120.0), ("start", "09:59:00"), ("seed", 7), ("refuse", "whole"), ("refuse_quote_ratio", 0.5));
        await using var harness = new QmtHarness(python.Runtime);
        harness.Start();

        await harness.WaitUntilAsync(pushes => harness.Statistics.Mode != QmtMode.NotConnected && pushes.Count >= 3, "subscribing done and bar pushes");

        Assert.Equal(QmtMode.PerStockMinuteBars, harness.Statistics.Mode);
        Assert.Equal(40 + Simulator.IndicesEtfsAndBonds, harness.Statistics.PerStockAttempted);
        Assert.InRange(harness.Statistics.PerStockAccepted, 1, 39 + Simulator.IndicesEtfsAndBonds);
    }

    [Fact]
    public async Task RunAsync_WholeAndPerStockRefused_PollsFullTickAndPassesOnlyChanges()
    {
        Simulator.Configure(("day", Day), ("symbols", 25), ("speed", 60.0), ("start", "09:59:00"), ("seed", 9), ("refuse", "whole,quote"));
        await using var harness = new QmtHarness(python.Runtime, ("PushInterval", "00:00:00.100"));
        harness.Start();

        await harness.WaitUntilAsync(pushes => harness.Statistics.Mode != QmtMode.NotConnected && pushes.Count >= 4, "subscribing done and four polls that found news");

        Assert.Equal(QmtMode.PollingFullTick, harness.Statistics.Mode);
        Assert.Equal(0, harness.Statistics.PerStockAccepted);
        Assert.Equal(25 + Simulator.IndicesEtfsAndBonds, harness.Received[0].Ticks.Count);
        // A stock is passed on again only with a newer snapshot.
        foreach (var symbol in harness.Received.SelectMany(p => p.Ticks).GroupBy(t => t.Symbol))
        {
            var times = symbol.Select(t => t.Tick.TimeUnixMs).ToList();
            Assert.Equal(times.Distinct().Count(), times.Count);
        }
    }
}
