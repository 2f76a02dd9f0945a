using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt;

namespace QuotePlatform.Ingest.Tests.Qmt;

[Collection(PythonCollection.Name)]
public sealed class QmtSubscribeTests(PythonFixture python)
{
    private const string Day = "2025-06-06";

    [Fact]
    public async Task RunAsync_WholeQuote_FirstPushIsFullSnapshotThenOnlyChanges()
    {
        Simulator.Configure(("day", Day), ("symbols", 120), ("speed", 120.0), ("start", "09:59:00"), ("seed", 11));
        await using var harness = new QmtHarness(python.Runtime);
        harness.Start();

        await harness.WaitUntilAsync(pushes => harness.Statistics.Mode != QmtMode.NotConnected && pushes.Count >= 6, "subscribing done and six whole-quote pushes");

        Assert.Equal(QmtMode.WholeQuote, harness.Statistics.Mode);
        var first = harness.Received[0];
        Assert.Equal(120 + Simulator.IndicesEtfsAndBonds, first.Ticks.Count);
        Assert.Equal(120 + Simulator.IndicesEtfsAndBonds, first.Ticks.Select(t => t.Symbol).Distinct().Count());
        Assert.Contains(first.Ticks, t => t.Symbol == "000001.SZ");
        Assert.All(harness.Received.Skip(1), push => Assert.InRange(push.Ticks.Count, 1, 119 + Simulator.IndicesEtfsAndBonds));
        var trading = first.Ticks.First(t => t.Symbol == "000001.SZ");
        Assert.True(trading.Tick.LastPrice > 0 && trading.Tick.VolumeLots > 0 && trading.Tick.Amount > 0);
        Assert.InRange(trading.Tick.TimeUnixMs, QmtHarness.At("09:59:00", Day), QmtHarness.At("15:00:00", Day));
        Assert.Equal(5, trading.Book.BidPrices.Length);
        Assert.True(trading.Book.BidPrices[0] < trading.Book.AskPrices[0]);
        Assert.True(harness.Statistics.Ticks >= harness.Received.Sum(p => p.Ticks.Count));
        Assert.Equal(0, harness.Statistics.LinkLosses);
    }

    [Fact]
    public async Task RunAsync_ListShapedPushes_SameTicksAsDictShaped()
    {
        var dict = await TicksBetweenAsync("dict");
        var list = await TicksBetweenAsync("list");

        Assert.NotEmpty(dict);
        Assert.Equal(dict, list);
    }

    /// <summary>Ticks of one simulated half minute (same seed: the market is the same whatever the shape).</summary>
    private async Task<List<string>> TicksBetweenAsync(string shape)
    {
        Simulator.Configure(("day", Day), ("symbols", 40), ("speed", 60.0), ("start", "09:58:00"), ("seed", 5), ("tick_shape", shape));
        await using var harness = new QmtHarness(python.Runtime);
        harness.Start();
        var (from, to) = (QmtHarness.At("10:00:00", Day), QmtHarness.At("10:00:30", Day));
        await harness.WaitUntilAsync(pushes => QmtHarness.LatestTickTime(pushes) > to, $"{shape}-shaped pushes past 10:00:30");
        return [.. harness.Received.Skip(1).SelectMany(push => push.Ticks)
            .Where(t => t.Tick.TimeUnixMs >= from && t.Tick.TimeUnixMs <= to)
            .Select(Describe)];
    }

    private static string Describe(SourceTick t) =>
        $"{t.Symbol} {t.Tick} {t.Book.Open} {string.Join(',', t.Book.BidPrices)} {string.Join(',', t.Book.AskVolumes)}";
}
