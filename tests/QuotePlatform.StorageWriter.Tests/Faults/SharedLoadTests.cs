using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Faults;

public sealed class SharedLoadTests
{
    [Fact]
    public async Task Write_TwoWriters_ShareEntriesWithoutOverlap()
    {
        await using var context = await WriterTestContext.CreateAsync();
        await using var a = context.StartWriter("writer-a");
        await using var b = context.StartWriter("writer-b");
        var total = 0;
        for (var minute = 0; minute < 40; minute++)
        {
            var bars = TestBars.Grid(symbols: 20, minutes: 1, firstMinute: minute);
            await context.PublishAsync(bars);
            total += bars.Count;
            await Task.Delay(25);
        }

        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await context.CountVisibleAsync() == total,
            TimeSpan.FromSeconds(30), "all bars stored");

        // Each bar was inserted by exactly one of them, and both took part.
        Assert.Equal(total, a.Metrics.Inserted + b.Metrics.Inserted);
        Assert.True(a.Metrics.Inserted > 0, "writer-a inserted nothing");
        Assert.True(b.Metrics.Inserted > 0, "writer-b inserted nothing");
        Assert.Equal(total, await context.CountStoredRowsAsync());
    }
}
