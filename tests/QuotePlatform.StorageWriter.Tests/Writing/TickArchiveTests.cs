using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Writing;

/// <summary>Tick entries through the writers' consumer group into the tick archive.</summary>
public sealed class TickArchiveTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly long Start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - 3_600_000;

    private static List<Tick> Day(int symbols, int ticksEach) =>
    [
        .. Enumerable.Range(0, symbols).SelectMany(s => Enumerable.Range(0, ticksEach).Select(i => new Tick
        {
            Symbol = $"{600000 + s:D6}.SH",
            TimeUnixMs = Start + (i * 3_000) + s,
            LastPrice = 10 + (i * 0.01),
            Open = 9.99,
            High = 10 + (i * 0.01),
            Low = 9.98,
            LastClose = 9.95,
            AmountCny = 1_000.5 * i,
            VolumeLots = 7L * i,
            PvolumeShares = 700L * i,
            StockStatus = 13,
            TransactionNum = 3L * i,
            BidPrices = { 9.99, 9.98, 9.97, 9.96, 9.95 },
            BidVolumesLots = { 1, 2, 3, 4, 5 },
            AskPrices = { 10.01, 10.02 },
            AskVolumesLots = { 6, 7 },
            ReceivedUnixMs = Start + (i * 3_000) + 1_200,
            ClockUnixMs = Start + (i * 3_000) + 999,
        })),
    ];

    private static async Task<long> VisibleTicksAsync(WriterTestContext context) =>
        await context.ScalarAsync($"SELECT count() FROM {TableNames.Ticks} FINAL");

    [Fact]
    public async Task Write_TickEntries_StoredWithEveryFieldAndAcked()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var ticks = Day(symbols: 9, ticksEach: 20);
        await context.PublishTicksAsync(ticks);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await VisibleTicksAsync(context) == ticks.Count,
            Timeout, "all ticks stored and acked");

        var reader = new TickReader(context.ClickHouse);
        var stored = await reader.ReadAsync("600004.SH", Start, Start + 3_600_000, limit: 0, CancellationToken.None);
        var expected = ticks.Where(t => t.Symbol == "600004.SH").ToList();
        Assert.Equal(expected.Count, stored.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], stored[i]);
            Assert.Equal(
                (want.Symbol, want.TimeUnixMs, want.LastPrice, want.Open, want.High, want.Low, want.LastClose, want.AmountCny, want.VolumeLots),
                (got.Symbol, got.TimeUnixMs, got.LastPrice, got.Open, got.High, got.Low, got.LastClose, got.AmountCny, got.VolumeLots));
            Assert.Equal(
                (want.PvolumeShares, want.StockStatus, want.TransactionNum, want.ReceivedUnixMs, want.ClockUnixMs),
                (got.PVolumeShares, got.StockStatus, got.TransactionNum, got.ReceivedUnixMs, got.ClockUnixMs));
            Assert.Equal(want.BidPrices, got.BidPrices);
            Assert.Equal(want.BidVolumesLots, got.BidVolumesLots);
            Assert.Equal(want.AskPrices, got.AskPrices);
            Assert.Equal(want.AskVolumesLots, got.AskVolumesLots);
        }

        Assert.Equal(ticks.Count, writer.Metrics.TicksInserted);
        Assert.Equal(0, writer.Metrics.Inserted);
    }

    [Fact]
    public async Task Write_SameTicksDeliveredTwice_VisibleOnce()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var ticks = Day(symbols: 5, ticksEach: 10);
        await context.PublishTicksAsync(ticks);
        await context.PublishTicksAsync(ticks.Take(25));

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.TicksInserted == ticks.Count + 25,
            Timeout, "both deliveries stored and acked");

        Assert.Equal(ticks.Count, await VisibleTicksAsync(context));
        Assert.Equal(ticks.Count, await new TickReader(context.ClickHouse).CountAsync(Start, Start + 3_600_000, CancellationToken.None));
    }

    [Fact]
    public async Task Write_TickBeyondTickRetention_RefusedAndCounted()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var old = Day(symbols: 1, ticksEach: 1)[0];
        old.TimeUnixMs -= (long)TimeSpan.FromDays(3).TotalMilliseconds;
        var recent = Day(symbols: 2, ticksEach: 1)[1];
        await context.PublishTicksAsync([old, recent]);

        await using var writer = context.StartWriter("writer-a", new Dictionary<string, string?> { ["Storage:TickRetention"] = "2.00:00:00" });
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.TicksInserted == 1,
            Timeout, "the recent tick stored, both entries acked");

        Assert.Equal(1, await VisibleTicksAsync(context));
        Assert.Equal(1, writer.Metrics.RejectedByReason["beyond_retention_tick"]);
    }
}
