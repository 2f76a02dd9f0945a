using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Faults;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_BatchInHand_StoredAndAckedBeforeExit()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var bars = TestBars.Grid(symbols: 7, minutes: 3);
        await context.PublishAsync(bars);
        // A batch that would only be due in a minute: it is still in hand when the writer stops.
        var writer = context.StartWriter("writer-a", new Dictionary<string, string?> { ["StorageWriter:MaxBatchAge"] = "00:01:00" });
        await Poll.UntilAsync(() => Task.FromResult(writer.Metrics.Consumed == bars.Count), TimeSpan.FromSeconds(30), "bars taken in hand");
        Assert.Equal(0, writer.Metrics.Inserted);
        Assert.True(await context.PendingAsync() > 0);

        await writer.StopAsync();

        Assert.Equal(bars.Count, writer.Metrics.Inserted);
        Assert.Equal(0, await context.PendingAsync());
        Assert.Equal(bars.Count, await context.CountVisibleAsync());
    }
}
