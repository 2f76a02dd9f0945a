using System.Globalization;
using QuotePlatform.Storage.Schema;
using QuotePlatform.StorageWriter.Tests.Support;
using StackExchange.Redis;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Faults;

public sealed class PoisonEntryTests
{
    [Fact]
    public async Task Write_PoisonEntry_DeadLetteredAfterMaxDeliveriesAndAcked()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var bars = TestBars.Grid(symbols: 6, minutes: 2);
        await context.PublishAsync(bars);
        var poisonStream = context.Keys.Bars(1);
        var poisonId = (string)(await context.Redis.StreamAddAsync(poisonStream,
            [new NameValueEntry("bars", new byte[] { 0xff, 0xff, 0xff, 0x07 }), new NameValueEntry("producer", "broken")]))!;

        await using var writer = context.StartWriter("writer-a", new Dictionary<string, string?>
        {
            ["StorageWriter:MaxDeliveries"] = "3",
            ["StorageWriter:ClaimMinIdle"] = "00:00:00.200",
            ["StorageWriter:ClaimInterval"] = "00:00:00.100",
        });
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && writer.Metrics.DeadLettered == 1,
            TimeSpan.FromSeconds(30), "poison entry dead-lettered");

        Assert.Equal(bars.Count, await context.CountVisibleAsync());
        using var reader = await context.ClickHouse.ExecuteReaderAsync(
            $"SELECT stream, entry_id, consumer, deliveries, error, payload FROM {TableNames.DeadLetters} FINAL");
        Assert.True(reader.Read());
        Assert.Equal(poisonStream, reader.GetString(0));
        Assert.Equal(poisonId, reader.GetString(1));
        Assert.Equal("writer-a", reader.GetString(2));
        // At least MaxDeliveries: with ClaimMinIdle this short, a claim can deliver the entry once more
        // while its failing batch is still in hand.
        Assert.InRange(Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture), 3, 4);
        Assert.Contains("is not a BarBatch", reader.GetString(4), StringComparison.Ordinal);
        Assert.Contains("producer=broken", reader.GetString(5), StringComparison.Ordinal);
        Assert.Contains("bars=base64:////Bw==", reader.GetString(5), StringComparison.Ordinal);
        Assert.False(reader.Read());
    }
}
