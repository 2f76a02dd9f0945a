using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Bars;
using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Writing;

public sealed class RoundTripTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_BarsInStreams_StoredWithExactValuesAndAcked()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var bars = TestBars.Grid(symbols: 12, minutes: 3);
        await context.PublishAsync(bars);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await context.CountVisibleAsync() == bars.Count,
            Timeout, "all bars stored and acked");

        var reader = new BarReader(context.ClickHouse);
        foreach (var symbol in bars.Select(b => b.Symbol).Distinct())
        {
            var expected = bars.Where(b => b.Symbol == symbol).OrderBy(b => b.FrameUnixMs).ToList();
            var stored = await reader.ReadAsync(symbol, BarPeriod.OneMinute, TestBars.FirstFrameUnixMs, TestBars.FirstFrameUnixMs + 3_600_000,
                CancellationToken.None);
            Assert.Equal(expected.Count, stored.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (want, got) = (expected[i], stored[i]);
                Assert.Equal(want.Symbol, got.Symbol);
                Assert.Equal((byte)want.Period, got.Period);
                Assert.Equal(want.FrameUnixMs, got.FrameUnixMs);
                Assert.Equal(want.Open, got.Open);
                Assert.Equal(want.High, got.High);
                Assert.Equal(want.Low, got.Low);
                Assert.Equal(want.Close, got.Close);
                Assert.Equal(want.VolumeShares, got.VolumeShares);
                Assert.Equal(want.AmountCny, got.AmountCny);
                Assert.Equal(want.QualityFlags, got.QualityFlags);
            }
        }

        Assert.Equal(bars.Count, writer.Metrics.Inserted);
        Assert.Equal(12, writer.Metrics.Symbols);
    }

    [Fact]
    public async Task Write_InvalidBars_CountedAndNotStored()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var good = TestBars.Grid(symbols: 4, minutes: 1);
        var highBelowLow = TestBars.Create(5, 0);
        highBelowLow.High = highBelowLow.Low - 1;
        var offBoundary = TestBars.Create(6, 0);
        offBoundary.FrameUnixMs += 30_000;
        await context.PublishAsync([.. good, highBelowLow, offBoundary]);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.Consumed == 6,
            Timeout, "every entry consumed and acked");

        Assert.Equal(good.Count, await context.CountVisibleAsync());
        Assert.Equal(2, writer.Metrics.QualityErrors);
        Assert.Equal(good.Count, writer.Metrics.Inserted);
    }

    [Fact]
    public async Task Write_CorrectedBarInLaterEntry_LatestVersionVisible()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var original = TestBars.Create(1, 0);
        var corrected = original.Clone();
        corrected.VolumeShares += 500;
        corrected.QualityFlags = 4;
        await context.PublishAsync([original]);
        await context.PublishAsync([corrected]);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.Inserted == 2,
            Timeout, "both entries stored");

        var stored = await new BarReader(context.ClickHouse).ReadAsync(original.Symbol, BarPeriod.OneMinute,
            original.FrameUnixMs, original.FrameUnixMs + 1, CancellationToken.None);
        var only = Assert.Single(stored);
        Assert.Equal(corrected.VolumeShares, only.VolumeShares);
        Assert.Equal(4u, only.QualityFlags);
    }
}
