using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt;

namespace QuotePlatform.Ingest.Tests.Qmt;

[Collection(PythonCollection.Name)]
public sealed class QmtReconnectTests(PythonFixture python)
{
    private const string Day = "2025-06-06";

    [Fact]
    public async Task RunAsync_LinkLostForThreeMinutes_ReconnectsAndBackfillsTheMissedMinutesExactly()
    {
        Simulator.Configure(("day", Day), ("symbols", 40), ("speed", 120.0), ("start", "09:58:00"), ("seed", 3),
            ("disconnect_at", "10:00:00"), ("disconnect_seconds", 180.0));
        await using var harness = new QmtHarness(python.Runtime);
        harness.Start();

        await harness.WaitUntilAsync(pushes => QmtHarness.LatestTickTime(pushes) > QmtHarness.At("10:06:30", Day), "ticks past 10:06:30");

        Assert.True(harness.Statistics.LinkLosses >= 1);
        Assert.True(harness.Statistics.BackfilledTicks > 0);
        Assert.Equal(QmtMode.WholeQuote, harness.Statistics.Mode);
        // The bar engine, fed what the source delivered, makes QMT's own 1m bars for the minutes
        // around the outage (10:01 and 10:02 only from the backfill), for every stock. The minute the
        // link came back in, and the one before it, are split between history and snapshots (a
        // snapshot's volume goes to the minute of its time): they are left out.
        var bars = Synthesize(harness.Received);
        var lastBackfilled = harness.Received.FindLastIndex(push => push.Ticks.All(t => t.Book == TickBook.Empty));
        var resubscribed = harness.Received[lastBackfilled + 1].Ticks.Max(t => t.Tick.TimeUnixMs);
        var reconnectMinute = ((resubscribed / 60_000) + 1) * 60_000;
        var compared = 0;
        foreach (var symbol in bars.Keys.Distinct().Select(k => k.Symbol).Distinct())
        {
            var qmt = Simulator.MinuteBars(symbol, Day);
            for (var label = QmtHarness.At("10:00:00", Day); label <= QmtHarness.At("10:05:00", Day); label += 60_000)
            {
                if (label >= reconnectMinute - 60_000 && label <= reconnectMinute)
                {
                    continue;
                }

                if (!qmt.TryGetValue(label, out var expected) || !bars.TryGetValue((symbol, label), out var actual))
                {
                    continue;
                }

                var minute = DateTimeOffset.FromUnixTimeMilliseconds(label).ToOffset(TimeSpan.FromHours(8));
                var units = expected.Volume * TradingRules.ForCode(symbol).UnitsPerLot;
                Assert.True(units == actual.VolumeShares,
                    $"{symbol} {minute:HH:mm}: QMT volume {units}, engine {actual.VolumeShares} (link back at {DateTimeOffset.FromUnixTimeMilliseconds(resubscribed).ToOffset(TimeSpan.FromHours(8)):HH:mm:ss})");
                if (expected.Volume > 0)
                {
                    Assert.True((expected.Open, expected.High, expected.Low, expected.Close) == (actual.Open, actual.High, actual.Low, actual.Close),
                        $"{symbol} {DateTimeOffset.FromUnixTimeMilliseconds(label).ToOffset(TimeSpan.FromHours(8)):HH:mm}: QMT {expected}, engine {actual} (link back at {DateTimeOffset.FromUnixTimeMilliseconds(resubscribed).ToOffset(TimeSpan.FromHours(8)):HH:mm:ss})");
                }

                compared++;
            }
        }

        Assert.True(compared >= 40 * 3, $"only {compared} bars compared");
    }

    [Fact]
    public async Task RunAsync_PushesStall_CountsTheLinkLostAndResubscribes()
    {
        Simulator.Configure(("day", Day), ("symbols", 20), ("speed", 60.0), ("start", "09:59:00"), ("seed", 4),
            ("stall_at", "10:00:00"), ("stall_seconds", 30.0));
        await using var harness = new QmtHarness(python.Runtime, ("StallTimeout", "00:00:01"));
        harness.Start();

        await harness.WaitUntilAsync(pushes => QmtHarness.LatestTickTime(pushes) > QmtHarness.At("10:02:00", Day), "ticks past 10:02:00");

        Assert.True(harness.Statistics.LinkLosses >= 1);
        Assert.Equal(QmtMode.WholeQuote, harness.Statistics.Mode);
    }

    private static Dictionary<(string Symbol, long Frame), Bar> Synthesize(List<TickPush> pushes)
    {
        var sink = new FinalMinuteBars();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, sink);
        var watermark = long.MinValue;
        foreach (var tick in pushes.SelectMany(push => push.Ticks))
        {
            if (tick.Tick.TimeUnixMs > watermark)
            {
                watermark = tick.Tick.TimeUnixMs;
                engine.AdvanceWatermark(watermark);
            }

            engine.OnTick(tick.Symbol, tick.Tick);
        }

        engine.Flush();
        return sink.Bars;
    }

    private sealed class FinalMinuteBars : IBarSink
    {
        public Dictionary<(string Symbol, long Frame), Bar> Bars { get; } = [];

        public void OnBar(in Bar bar)
        {
            if (bar.Final && bar.Period == BarPeriod.OneMinute)
            {
                Bars[(bar.Symbol, bar.FrameUnixMs)] = bar;
            }
        }

        public void OnDayClosed(long dayStartUnixMs)
        {
        }
    }
}
