using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Faults;

public sealed class ClickHouseOutageTests
{
    [Fact]
    public async Task Write_ClickHouseUnavailableForAWhile_EntriesWaitPendingThenAllStored()
    {
        await using var context = await WriterTestContext.CreateAsync();
        await using var proxy = new TcpProxy(new Uri(TestServers.ClickHouseUrl));
        proxy.Start();
        var before = TestBars.Grid(symbols: 8, minutes: 2);
        await context.PublishAsync(before);
        await using var writer = context.StartWriter("writer-a", clickHouseUrl: $"{proxy.Url}/{context.Database}");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await context.CountVisibleAsync() == before.Count,
            TimeSpan.FromSeconds(30), "bars stored before the outage");

        proxy.Stop();
        var during = TestBars.Grid(symbols: 8, minutes: 5, firstMinute: 10);
        await context.PublishAsync(during);
        // Taken in hand, not acked, not lost: the entries wait in Redis while ClickHouse is away.
        await Poll.UntilAsync(async () => writer.Metrics.InsertErrors > 0 && await context.PendingAsync() > 0,
            TimeSpan.FromSeconds(30), "the writer failed an insert and holds the entries pending");
        Assert.Equal(before.Count, writer.Metrics.Inserted);

        proxy.Start();
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0, TimeSpan.FromSeconds(30), "catch-up after the outage");
        Assert.Equal(before.Count + during.Count, await context.CountVisibleAsync());
        Assert.Equal(before.Count + during.Count, writer.Metrics.Inserted);
    }

    [Fact]
    public async Task Start_ClickHouseDownAtStart_WaitsThenMigratesAndStores()
    {
        await using var context = await WriterTestContext.CreateAsync();
        await using var proxy = new TcpProxy(new Uri(TestServers.ClickHouseUrl)) { Forwarding = false };
        proxy.Start();
        var bars = TestBars.Grid(symbols: 5, minutes: 2);
        await context.PublishAsync(bars);
        await using var writer = context.StartWriter("writer-a", clickHouseUrl: $"{proxy.Url}/{context.Database}");
        await Poll.UntilAsync(() => proxy.Accepted >= 2, TimeSpan.FromSeconds(30), "the writer tried ClickHouse twice");
        Assert.Equal(0, writer.Metrics.Inserted);

        proxy.Forwarding = true;
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.Inserted == bars.Count,
            TimeSpan.FromSeconds(30), "stored once ClickHouse came up");
        Assert.Equal(bars.Count, await context.CountVisibleAsync());
    }
}
