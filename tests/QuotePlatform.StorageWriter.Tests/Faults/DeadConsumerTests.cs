using QuotePlatform.Storage.Bars;
using QuotePlatform.StorageWriter.Tests.Support;
using StackExchange.Redis;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Faults;

public sealed class DeadConsumerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> FastClaim = new()
    {
        ["StorageWriter:ClaimMinIdle"] = "00:00:00.500",
        ["StorageWriter:ClaimInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task Claim_ConsumerKilledBeforeInsert_EntriesClaimedAndNothingLost()
    {
        await using var context = await WriterTestContext.CreateAsync();
        await context.CreateGroupsAsync();
        var bars = TestBars.Grid(symbols: 10, minutes: 4);
        await context.PublishAsync(bars);
        // The dead consumer took every entry and died before inserting anything.
        var taken = await ReadAllAsDeadConsumerAsync(context);
        Assert.Equal(bars.Count, taken.Sum(e => BarsIn(e)));

        await using var writer = context.StartWriter("writer-b", FastClaim);
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0, Timeout, "dead consumer's entries claimed and acked");

        Assert.Equal(bars.Count, await context.CountVisibleAsync());
        Assert.Equal(bars.Count, writer.Metrics.Inserted);
    }

    [Fact]
    public async Task Claim_ConsumerKilledAfterInsertBeforeAck_RedeliveredButNeverVisibleTwice()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var bars = TestBars.Grid(symbols: 10, minutes: 4);
        await context.PublishAsync(bars);
        await using (var first = context.StartWriter("writer-a"))
        {
            // Let the writer create the schema and groups, then stop it before it reads anything more.
            await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await context.CountVisibleAsync() == bars.Count,
                Timeout, "first writer ready");
        }

        await context.PublishAsync(TestBars.Grid(symbols: 10, minutes: 4, firstMinute: 10));
        var taken = await ReadAllAsDeadConsumerAsync(context);
        // The dead consumer inserted its rows exactly as the writer would, then died before XACK.
        var rows = taken.SelectMany(e => QuotePlatform.Streams.BarStreamEntry.Parse(e.Entry).Batch.Bars.Select(b => new BarRow(
            b.Symbol, (byte)b.Period, b.FrameUnixMs, b.Open, b.High, b.Low, b.Close, b.VolumeShares, b.AmountCny, b.QualityFlags,
            EntryVersion.Of(e.Entry.Id!)))).ToList();
        await context.ClickHouse.InsertBarsAsync(rows, CancellationToken.None);
        var expected = bars.Count + rows.Count;

        await using var writer = context.StartWriter("writer-b", FastClaim);
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0, Timeout, "redelivered entries acked");

        Assert.Equal(rows.Count, writer.Metrics.Inserted);
        Assert.Equal(expected, await context.CountVisibleAsync());
        Assert.Equal(expected, await context.ScalarAsync(
            "SELECT count() FROM (SELECT symbol, period, frame FROM bars FINAL GROUP BY symbol, period, frame)"));
        await context.ClickHouse.ExecuteNonQueryAsync("OPTIMIZE TABLE bars FINAL");
        Assert.Equal(expected, await context.CountStoredRowsAsync());
    }

    private static int BarsIn((string Stream, StreamEntry Entry) taken) =>
        QuotePlatform.Streams.BarStreamEntry.Parse(taken.Entry).Batch.Bars.Count;

    private static async Task<List<(string Stream, StreamEntry Entry)>> ReadAllAsDeadConsumerAsync(WriterTestContext context)
    {
        var taken = new List<(string, StreamEntry)>();
        foreach (var stream in context.Streams)
        {
            var entries = await context.Redis.StreamReadGroupAsync(stream, WriterTestContext.Group, "dead-consumer", StreamPosition.NewMessages, 1000);
            taken.AddRange(entries.Select(e => (stream, e)));
        }

        return taken;
    }
}
