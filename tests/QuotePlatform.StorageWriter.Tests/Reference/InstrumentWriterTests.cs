using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Storage.Schema;
using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Streams.Reference;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Reference;

public sealed class InstrumentWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_InstrumentEntries_DetailsPerTradingDateFactorsPerExDateBadEntryDeadLettered()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var monday = Instrument("600733.SH", "2025-08-29", "北汽蓝谷");
        monday.DividendFactors.Add(new DividendFactor { ExDate = "2025-07-10", Interest = 0.1, Dr = 1.01 });
        var tuesday = Instrument("600733.SH", "2025-09-01", "ST北汽蓝谷");
        tuesday.DividendFactors.Add(new DividendFactor { ExDate = "2025-07-10", Interest = 0.1, Dr = 1.01 }); // sent again each morning
        await context.Redis.StreamAddAsync(context.Keys.Instruments, InstrumentStreamEntry.ToFields([monday], "test-producer"));
        await context.Redis.StreamAddAsync(context.Keys.Instruments, InstrumentStreamEntry.ToFields([tuesday], "test-producer"));
        await context.Redis.StreamAddAsync(context.Keys.Instruments, InstrumentStreamEntry.ToFields([Instrument("600000.SH", "20250901", "浦发银行")], "test-producer"));

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() >= 0, Timeout, "the schema and groups prepared");
        await Poll.UntilAsync(
            async () => await context.ScalarAsync($"SELECT count() FROM {TableNames.Instruments} FINAL") == 2
                && (await context.Redis.StreamPendingAsync(context.Keys.Instruments, WriterTestContext.Group)).PendingMessageCount == 0
                && await context.ScalarAsync($"SELECT count() FROM {TableNames.DeadLetters}") == 1,
            Timeout, "two days of details stored, the bad entry dead-lettered, all acked");

        var store = new InstrumentStore(context.ClickHouse);
        Assert.Equal("北汽蓝谷", (await store.DetailAsync("600733.SH", new DateOnly(2025, 8, 31), CancellationToken.None))!.Name);
        Assert.Equal("ST北汽蓝谷", (await store.DetailAsync("600733.SH", new DateOnly(2025, 9, 1), CancellationToken.None))!.Name);
        Assert.Equal(1, await context.ScalarAsync($"SELECT count() FROM {TableNames.DividendFactors} FINAL"));
    }

    private static InstrumentReference Instrument(string symbol, string date, string name) => new()
    {
        Symbol = symbol,
        TradingDate = date,
        Name = name,
        Exchange = symbol[^2..],
        Type = "stock",
        PriceTick = 0.01,
        VolumeMultiple = 1,
    };
}
