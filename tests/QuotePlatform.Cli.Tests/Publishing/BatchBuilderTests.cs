using QuotePlatform.Cli.Input;
using QuotePlatform.Cli.Publishing;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Tests.Publishing;

public sealed class BatchBuilderTests
{
    // Friday 2025-06-06 09:31 Beijing.
    private const long Frame0931 = 1_749_173_460_000;

    private static (BatchBuilder Builder, PublishSummary Summary) Create(int batchBars, IReadOnlyList<BarPeriod>? periods = null)
    {
        var summary = new PublishSummary();
        var settings = new PublishSettings
        {
            Relay = new Uri("http://127.0.0.1:1"),
            ApiKey = "unused",
            FirstSequence = 100,
            BatchBars = batchBars,
            Periods = periods ?? BarPeriods.All,
        };
        return (new BatchBuilder(settings, summary, TimeProvider.System), summary);
    }

    private static Bar Minute(string symbol, double close, bool final) =>
        new(symbol, BarPeriod.OneMinute, Frame0931, 10, 10.5, 9.5, close, 1_000, 10_000, final, BarQuality.None);

    private static List<PublishRequest> TakeAll(BatchBuilder builder)
    {
        var batches = new List<PublishRequest>();
        while (builder.TryTake(out var batch))
        {
            batches.Add(batch);
        }

        return batches;
    }

    [Fact]
    public void Seal_FormingUpdatesAndQuotes_OnlyTheLatestPerSymbolAndTheFinalSupersedesForming()
    {
        var (builder, summary) = Create(batchBars: 100);
        builder.OnBar(Minute("600000.SH", 10.1, final: false));
        builder.OnBar(Minute("600000.SH", 10.2, final: false));
        builder.OnBar(Minute("000001.SZ", 9.9, final: false));
        builder.OnBar(Minute("000001.SZ", 9.8, final: true));
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 30_000, 10.1, 10.5, 9.5, 10, 1e6, 100, 13), TickBook.Empty);
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 27_000, 10.2, 10.5, 9.5, 10, 2e6, 200, 13), TickBook.Empty);

        builder.Seal();

        var batch = Assert.Single(TakeAll(builder));
        Assert.Equal(100UL, batch.Sequence);
        Assert.Equal([("000001.SZ", true, 9.8), ("600000.SH", false, 10.2)], batch.Bars.Select(b => (b.Symbol, b.Final, b.Close)));
        Assert.Equal(20_000, Assert.Single(batch.Quotes).VolumeShares);
        Assert.Equal((1L, 1L, 1L), (summary.FinalBars[BarPeriod.OneMinute], summary.FormingBars, summary.Quotes));
    }

    [Fact]
    public void OnBar_BatchFull_SealedWithIncreasingSequencesAndUnlistedPeriodsLeftOut()
    {
        var (builder, _) = Create(batchBars: 2, periods: [BarPeriod.OneMinute]);
        foreach (var symbol in new[] { "600000.SH", "600001.SH", "600002.SH", "600003.SH", "600004.SH" })
        {
            builder.OnBar(Minute(symbol, 10, final: true));
            builder.OnBar(Minute(symbol, 10, final: true) with { Period = BarPeriod.OneDay, FrameUnixMs = Frame0931 - (9 * 3_600_000) - 1_860_000 });
        }

        builder.Seal();

        var batches = TakeAll(builder);
        Assert.Equal([100UL, 101UL, 102UL], batches.Select(b => b.Sequence));
        Assert.Equal([2, 2, 1], batches.Select(b => b.Bars.Count));
        Assert.All(batches.SelectMany(b => b.Bars), bar => Assert.Equal(Contracts.MarketData.V1.Period._1M, bar.Period));
    }
}
