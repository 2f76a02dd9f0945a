using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Tests.Batching;

public sealed class BatchBuilderTests
{
    // Friday 2025-06-06 09:31 Beijing.
    private const long Frame0931 = 1_749_173_460_000;
    private const ulong Input = 42;

    private static BatchBuilder Create(int maxItems, IReadOnlyList<BarPeriod>? periods = null, ResumePoint? skip = null) =>
        new(periods ?? BarPeriods.All, maxItems, "test", TimeProvider.System, skip ?? ResumePoint.None);

    private static Bar Minute(string symbol, double close, bool final) =>
        new(symbol, BarPeriod.OneMinute, Frame0931, 10, 10.5, 9.5, close, 1_000, 10_000, final, BarQuality.None);

    [Fact]
    public void Seal_FormingUpdatesAndQuotes_OnlyTheLatestPerSymbolAndTheFinalSupersedesForming()
    {
        var builder = Create(maxItems: 100);
        builder.BeginStep(Input, 0);
        builder.OnBar(Minute("600000.SH", 10.1, final: false));
        builder.OnBar(Minute("600000.SH", 10.2, final: false));
        builder.OnBar(Minute("000001.SZ", 9.9, final: false));
        builder.OnBar(Minute("000001.SZ", 9.8, final: true));
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 30_000, 10.1, 10.5, 9.5, 10, 1e6, 100, 13), TickBook.Empty);
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 27_000, 10.2, 10.5, 9.5, 10, 2e6, 200, 13), TickBook.Empty);

        builder.Seal();

        var batch = Assert.Single(builder.TakeAll());
        Assert.Equal([("000001.SZ", true, 9.8), ("600000.SH", false, 10.2)], batch.Request.Bars.Select(b => (b.Symbol, b.Final, b.Close)));
        Assert.Equal(20_000, Assert.Single(batch.Request.Quotes).VolumeShares);
        Assert.Equal((1, 1), (batch.FinalBars, batch.FormingBars));
        Assert.Equal(new ResumePoint(Input, 0, 6), batch.Position);
        Assert.False(builder.HasOpenBatch);
    }

    [Fact]
    public void OnBar_BatchFull_SealedAtTheCapAndUnlistedPeriodsLeftOut()
    {
        var builder = Create(maxItems: 2, periods: [BarPeriod.OneMinute]);
        builder.BeginStep(Input, 0);
        foreach (var symbol in new[] { "600000.SH", "600001.SH", "600002.SH", "600003.SH", "600004.SH" })
        {
            builder.OnBar(Minute(symbol, 10, final: true));
            builder.OnBar(Minute(symbol, 10, final: true) with { Period = BarPeriod.OneDay });
        }

        builder.Seal();

        var batches = builder.TakeAll();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Request.Bars.Count));
        Assert.All(batches.SelectMany(b => b.Request.Bars), bar => Assert.Equal(Contracts.MarketData.V1.Period._1M, bar.Period));
    }

    [Fact]
    public void OnBar_ResumedInput_OutputsTheSpoolHoldsAreSkippedTheRestBatched()
    {
        var builder = Create(maxItems: 100, skip: new ResumePoint(Input, 1, 2));
        builder.BeginStep(Input, 0);
        builder.OnBar(Minute("600000.SH", 10, final: true));
        builder.BeginStep(Input, 1);
        builder.OnBar(Minute("600001.SH", 10, final: true));
        builder.OnBar(Minute("600002.SH", 10, final: true));
        builder.OnBar(Minute("600003.SH", 10, final: true));
        builder.BeginStep(Input, 2);
        builder.OnBar(Minute("600004.SH", 10, final: true));

        builder.Seal();

        var batch = Assert.Single(builder.TakeAll());
        Assert.Equal(["600003.SH", "600004.SH"], batch.Request.Bars.Select(b => b.Symbol));
        Assert.Equal(3, builder.Skipped);
    }

    [Fact]
    public void OnBar_OtherInputThanTheSpoolsResumePoint_NothingSkipped()
    {
        var builder = Create(maxItems: 100, skip: new ResumePoint(Input + 1, 5, 5));
        builder.BeginStep(Input, 0);
        builder.OnBar(Minute("600000.SH", 10, final: true));

        builder.Seal();

        Assert.Single(Assert.Single(builder.TakeAll()).Request.Bars);
    }

    [Fact]
    public void Seal_QuoteOfALaterPush_CarriesWhenThatPushWasReceived()
    {
        var builder = Create(maxItems: 100);
        builder.BeginStep(Input, 0);
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 30_000, 10.1, 10.5, 9.5, 10, 1e6, 100, 13), TickBook.Empty, receivedUnixMs: Frame0931 - 29_000);
        builder.BeginStep(Input, 1);
        builder.AddQuote("600000.SH", new MarketTick(Frame0931 - 27_000, 10.2, 10.5, 9.5, 10, 2e6, 200, 13), TickBook.Empty, receivedUnixMs: Frame0931 - 26_000);

        builder.Seal();

        var quote = Assert.Single(Assert.Single(builder.TakeAll()).Request.Quotes);
        Assert.Equal((Frame0931 - 27_000, Frame0931 - 26_000), (quote.TimeUnixMs, quote.ReceivedUnixMs));
    }
}
