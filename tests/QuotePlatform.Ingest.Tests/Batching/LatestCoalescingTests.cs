using Microsoft.Extensions.Time.Testing;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Tests.Batching;

/// <summary>Latest quotes and forming bars: every push's in a live batch, coalesced across batches in a replay at full speed.</summary>
public sealed class LatestCoalescingTests
{
    // Friday 2025-06-06 09:31 Beijing.
    private const long Frame0931 = 1_749_173_460_000;
    private const ulong Input = 42;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly string[] Symbols = ["600000.SH", "600001.SH", "000001.SZ"];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(Frame0931));

    private BatchBuilder Create(TimeSpan latestInterval, int maxItems = 8_000, ResumePoint? skip = null) =>
        new([BarPeriod.OneMinute], maxItems, "test", _time, skip ?? ResumePoint.None, latestInterval);

    private static Bar Minute(string symbol, long frame, double close, bool final) =>
        new(symbol, BarPeriod.OneMinute, frame, 10, 10.5, 9.5, close, 1_000, 10_000, final, BarQuality.None);

    private static MarketTick Tick(long time, double price) => new(time, price, 10.5, 9.5, 10, 1e6, 100, 13);

    /// <summary>One push: a quote and a forming bar per symbol; every tenth push closes a minute with its final bars.</summary>
    private static void Push(BatchBuilder builder, int push)
    {
        builder.BeginStep(Input, push);
        var time = Frame0931 + (push * 3_000L);
        var frame = Frame0931 + ((push / 10) * 60_000L);
        foreach (var symbol in Symbols)
        {
            builder.OnBar(Minute(symbol, frame, 10 + (push / 100.0), final: false));
            builder.AddQuote(symbol, Tick(time, 10 + (push / 100.0)), TickBook.Empty);
            if (push % 10 == 9)
            {
                builder.OnBar(Minute(symbol, frame, 10 + (push / 100.0), final: true));
            }
        }
    }

    [Fact]
    public void SealDue_FastReplay_FewerQuotesButTheLastOfEverySymbolAndEveryFinalBarInOrder()
    {
        var builder = Create(Interval);
        var batches = new List<SealedBatch>();

        // 200 pushes at 20 ms each (4 s of wall time): 600 quotes built.
        for (var push = 0; push < 200; push++)
        {
            Push(builder, push);
            builder.SealDue(MaxDelay);
            batches.AddRange(builder.TakeAll());
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        builder.BeginStep(Input, 200);
        builder.Seal();
        batches.AddRange(builder.TakeAll());

        var quotes = batches.SelectMany(b => b.Request.Quotes).ToList();
        Assert.InRange(quotes.Count, Symbols.Length, Symbols.Length * 6);
        var lastTime = Frame0931 + (199 * 3_000L);
        Assert.All(Symbols, symbol => Assert.Equal(lastTime, quotes.Last(q => q.Symbol == symbol).TimeUnixMs));
        var finals = batches.SelectMany(b => b.Request.Bars).Where(b => b.Final).ToList();
        Assert.Equal(20 * Symbols.Length, finals.Count);
        Assert.Equal(finals.Select(b => b.FrameUnixMs).Order(), finals.Select(b => b.FrameUnixMs));
        // A forming bar never follows the final bar of its frame.
        var sent = batches.SelectMany(b => b.Request.Bars).ToList();
        Assert.All(sent.Where(b => !b.Final), forming =>
            Assert.DoesNotContain(sent.Take(sent.IndexOf(forming)), b => b.Final && b.Symbol == forming.Symbol && b.FrameUnixMs == forming.FrameUnixMs));
        Assert.True(builder.Coalesced > 1_000, $"coalesced {builder.Coalesced}");
    }

    [Fact]
    public void SealDue_FastReplay_FinalBarsLeaveAtMaxDelayWithoutWaitingForTheInterval()
    {
        var builder = Create(Interval);
        Push(builder, 0);
        builder.SealDue(MaxDelay);
        Assert.Single(builder.TakeAll()); // the first latest values go at once: none were sent before

        Push(builder, 9);
        _time.Advance(MaxDelay);
        builder.SealDue(MaxDelay);

        var batch = Assert.Single(builder.TakeAll());
        Assert.Equal(Symbols.Length, batch.FinalBars);
        Assert.Empty(batch.Request.Quotes);
        Assert.Equal(Interval - MaxDelay, builder.DueIn(MaxDelay));
    }

    [Fact]
    public void SealDue_LiveCadence_EveryPushsQuotesAndFormingBarsWithinMaxDelay()
    {
        var builder = Create(TimeSpan.Zero);

        for (var push = 0; push < 5; push++)
        {
            Push(builder, push);
            Assert.Equal(MaxDelay, builder.DueIn(MaxDelay));
            _time.Advance(MaxDelay);
            builder.SealDue(MaxDelay);

            var batch = Assert.Single(builder.TakeAll());
            Assert.Equal(Symbols.Length, batch.FormingBars);
            Assert.Equal(Symbols, batch.Request.Quotes.Select(q => q.Symbol));
            Assert.All(batch.Request.Quotes, q => Assert.Equal(Frame0931 + (push * 3_000L), q.TimeUnixMs));
            _time.Advance(TimeSpan.FromSeconds(3) - MaxDelay);
        }
    }

    [Fact]
    public void Seal_LatestValuesAboveMaxItems_SplitIntoBatchesFinalBarsFirst()
    {
        var builder = Create(Interval, maxItems: 4);
        builder.BeginStep(Input, 0);
        foreach (var symbol in Symbols)
        {
            builder.OnBar(Minute(symbol, Frame0931, 10, final: true));
            builder.OnBar(Minute(symbol, Frame0931 + 60_000, 10, final: false));
            builder.AddQuote(symbol, Tick(Frame0931, 10), TickBook.Empty);
        }

        builder.Seal();

        var batches = builder.TakeAll();
        Assert.Equal([4, 4, 1], batches.Select(b => b.Request.Bars.Count + b.Request.Quotes.Count));
        Assert.Equal([true, true, true, false], batches[0].Request.Bars.Select(b => b.Final));
        Assert.All(batches, b => Assert.Equal(new ResumePoint(Input, 0, 9), b.Position));
    }

    [Fact]
    public void SealDue_ResumedFastReplay_SkippedFinalBarsNotResentButTheLatestQuotesReached()
    {
        // The spool holds everything through push 5; the replay runs from the start again.
        var builder = Create(Interval, skip: new ResumePoint(Input, 5, int.MaxValue));
        var batches = new List<SealedBatch>();
        for (var push = 0; push < 6; push++)
        {
            Push(builder, push);
            builder.SealDue(MaxDelay);
            batches.AddRange(builder.TakeAll());
        }

        Assert.Empty(batches);
        Assert.Null(builder.DueIn(MaxDelay));

        for (var push = 6; push < 12; push++)
        {
            Push(builder, push);
        }

        builder.BeginStep(Input, 12);
        builder.Seal();
        batches.AddRange(builder.TakeAll());

        var finals = batches.SelectMany(b => b.Request.Bars).Where(b => b.Final).ToList();
        Assert.Equal(Symbols.Length, finals.Count); // push 9's, once
        Assert.Equal(6 * Symbols.Length * 2, builder.Skipped); // pushes 0..5: a forming bar and a quote per symbol
        var quotes = batches.SelectMany(b => b.Request.Quotes).ToList();
        Assert.All(Symbols, symbol => Assert.Equal(Frame0931 + (11 * 3_000L), quotes.Last(q => q.Symbol == symbol).TimeUnixMs));
    }
}
