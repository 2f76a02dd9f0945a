using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Tests.Batching;

/// <summary>Accepted ticks in the batches for the tick archive: every one (not coalesced like quotes), numbered for resume.</summary>
public sealed class TickArchiveBatchingTests
{
    // Friday 2025-06-06 09:30 Beijing.
    private const long Time0930 = 1_749_173_400_000;
    private const ulong Input = 7;

    private static readonly TickBook Book = new(10, [9.99, 9.98], [5, 6], [10.01], [7], PVolume: 12_300, TransactionNum: 41);

    private static BatchBuilder Create(int maxItems, ResumePoint? skip = null, TimeSpan latestInterval = default) =>
        new(BarPeriods.All, maxItems, "test", TimeProvider.System, skip ?? ResumePoint.None, latestInterval, archiveTicks: true);

    private static MarketTick Tick(int n) => new(Time0930 + (n * 3_000), 10 + (n * 0.01), 10.5, 9.5, 9.9, 1_000.0 * n, 100L * n, 13);

    [Fact]
    public void AddQuote_ThreeTicksOfOneSymbol_OneQuoteButEveryTickWithBookAndTimes()
    {
        var builder = Create(maxItems: 100);
        builder.BeginStep(Input, 0);
        for (var n = 1; n <= 3; n++)
        {
            builder.AddQuote("600000.SH", Tick(n), Book, receivedUnixMs: Time0930 + (n * 3_000) + 400, clockUnixMs: Time0930 + (n * 3_000) + 10);
        }

        builder.Seal();

        var batch = Assert.Single(builder.TakeAll());
        Assert.Single(batch.Request.Quotes);
        Assert.Equal([Time0930 + 3_000, Time0930 + 6_000, Time0930 + 9_000], batch.Request.Ticks.Select(t => t.TimeUnixMs));
        var last = batch.Request.Ticks[^1];
        Assert.Equal((10.03, 300L, 3_000.0, 9.9, 10.0), (last.LastPrice, last.VolumeLots, last.AmountCny, last.LastClose, last.Open));
        Assert.Equal((12_300L, 41L), (last.PvolumeShares, last.TransactionNum));
        Assert.Equal([9.99, 9.98], last.BidPrices);
        Assert.Equal([7L], last.AskVolumesLots);
        Assert.Equal((Time0930 + 9_400, Time0930 + 9_010), (last.ReceivedUnixMs, last.ClockUnixMs));
    }

    [Fact]
    public void AddQuote_FullSpeedReplayResumed_TicksTheSpoolHoldsSkippedTheRestSentWithoutWaitingForTheInterval()
    {
        var builder = Create(maxItems: 2, skip: new ResumePoint(Input, 0, 2), latestInterval: TimeSpan.FromHours(1));
        builder.BeginStep(Input, 0);
        for (var n = 1; n <= 5; n++)
        {
            builder.AddQuote($"60000{n}.SH", Tick(n), Book);
        }

        var sealedAtTheCap = builder.TakeAll();
        builder.Seal();
        var rest = builder.TakeAll();

        Assert.Equal([2], sealedAtTheCap.Select(b => b.Request.Ticks.Count));
        Assert.Equal(["600003.SH", "600004.SH", "600005.SH"], sealedAtTheCap.Concat(rest).SelectMany(b => b.Request.Ticks).Select(t => t.Symbol));
        Assert.Equal(2, builder.Skipped);
    }
}
