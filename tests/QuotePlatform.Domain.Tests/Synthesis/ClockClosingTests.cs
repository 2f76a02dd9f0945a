using Microsoft.Extensions.Time.Testing;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Tests.Support;

namespace QuotePlatform.Domain.Tests.Synthesis;

public sealed class ClockClosingTests
{
    private static readonly SynthesisOptions FiveSecondGrace = new() { Grace = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData("10:01:05", 0)]
    [InlineData("10:01:05.001", 1)]
    public void AdvanceWatermark_PastBarEndPlusGrace_EmitsFinalForEverySymbol(string watermark, int expectedPerSymbol)
    {
        var sink = new RecordingSink();
        var engine = new BarSynthesizer(FiveSecondGrace, sink);
        engine.OnTick("600000.SH", Day.Tick("09:15:00", 0, 0));
        engine.OnTick("000001.SZ", Day.Tick("09:15:00", 0, 0));
        engine.AdvanceWatermark(Day.At("10:00:30"));
        engine.OnTick("600000.SH", Day.Tick("10:00:30", 10.1, 100));

        engine.AdvanceWatermark(Day.At(watermark));

        var closed = sink.Finals().Where(b => b.FrameUnixMs == Day.Frame("10:01")).ToList();
        Assert.Equal(2 * expectedPerSymbol, closed.Count);
        if (expectedPerSymbol == 1)
        {
            Assert.Equal(10_000, closed.Single(b => b.Symbol == "600000.SH").VolumeShares);
            Assert.Equal(BarQuality.Flat, closed.Single(b => b.Symbol == "000001.SZ").Quality);
        }
    }

    [Fact]
    public void OnTick_ForBarAlreadyClosed_CountedLateAndVolumeInNextBar()
    {
        var feed = new Feed(FiveSecondGrace);
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("10:00:30", 10.0, 100));
        feed.SendAll("000001.SZ", Day.Tick("09:15:00", 0, 0), Day.Tick("10:01:06", 20.0, 10));

        var verdict = feed.Send("600000.SH", Day.Tick("10:00:58", 10.2, 130));
        feed.Flush();

        Assert.Equal(Ticks.TickVerdict.AcceptedLate, verdict);
        Assert.Equal(1, feed.Engine.Count(Ticks.TickVerdict.AcceptedLate));
        Assert.Equal(10_000, feed.Final1m("600000.SH", "10:01").VolumeShares);
        var next = feed.Final1m("600000.SH", "10:02");
        Assert.Equal((3_000L, BarQuality.LateVolume, 10.2), (next.VolumeShares, next.Quality, next.Close));
        Assert.Equal(13_000, feed.Sink.Finals().Where(b => b.Symbol == "600000.SH").Sum(b => b.VolumeShares));
    }

    [Fact]
    public void OnTick_ContributingTick_EmitsFormingUpdateNotFinal()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("10:00:10", 10.0, 100), Day.Tick("10:00:20", 10.1, 150));

        var forming = feed.Sink.Forming.ToList();
        Assert.Equal(2, forming.Count);
        Assert.All(forming, b => Assert.Equal(Day.Frame("10:01"), b.FrameUnixMs));
        Assert.Equal((10_000L, 15_000L), (forming[0].VolumeShares, forming[1].VolumeShares));
        Assert.DoesNotContain(feed.Sink.Bars, b => b.Final && b.FrameUnixMs == Day.Frame("10:01"));
    }

    [Fact]
    public void OnTick_EmitFormingOff_NoFormingUpdates()
    {
        var feed = new Feed(new SynthesisOptions { EmitForming = false });
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("10:00:10", 10.0, 100));

        Assert.Empty(feed.Sink.Forming);
    }

    [Fact]
    public void AdvanceWatermark_LiveClock_ClosesBarsWithoutFurtherTicks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Day.At("09:15:00")));
        var sink = new RecordingSink();
        var engine = new BarSynthesizer(FiveSecondGrace, sink);
        engine.OnTick("600000.SH", Day.Tick("09:15:00", 0, 0));
        engine.OnTick("600000.SH", Day.Tick("09:25:02", 10.0, 300));

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(Day.At("09:33:06")));
        engine.AdvanceWatermark(clock);

        Assert.Equal(["09:31", "09:32", "09:33"], sink.Finals().Select(b => Day.Label(b.FrameUnixMs)));
    }

    [Fact]
    public void AdvanceWatermark_PastCloseReporting_ClosesDayOnce()
    {
        var sink = new RecordingSink();
        var engine = new BarSynthesizer(FiveSecondGrace, sink);
        engine.OnTick("600000.SH", Day.Tick("09:15:00", 0, 0));

        engine.AdvanceWatermark(Day.At("15:00:06"));
        var beforeReportingEnd = sink.Finals().Count();
        engine.AdvanceWatermark(Day.At("15:05:06"));
        engine.Flush();

        Assert.Equal(239, beforeReportingEnd);
        Assert.Equal(240, sink.Finals().Count());
        Assert.Equal([Day.Start], sink.ClosedDays);
    }

    [Fact]
    public void AdvanceWatermark_NextDay_ClosesPreviousDayAndStartsFresh()
    {
        var feed = new Feed();
        feed.SendAll("600000.SH", Day.Tick("09:15:00", 0, 0), Day.Tick("10:00:10", 10.0, 100));
        var nextDay = Day.Tick("09:15:00", 0, 0, lastClose: 10.0) with { TimeUnixMs = Day.At("09:15:00") + (3 * 86_400_000L) };
        feed.Send("600000.SH", nextDay);
        feed.Send("600000.SH", nextDay with { TimeUnixMs = nextDay.TimeUnixMs + (16 * 60_000), LastPrice = 10.5, VolumeLots = 40 });
        feed.Flush();

        Assert.Equal(480, feed.Sink.Finals().Count());
        Assert.Equal(2, feed.Sink.ClosedDays.Count);
        Assert.Equal(4_000, feed.Sink.Finals().Where(b => b.FrameUnixMs > Day.Start + 86_400_000L).Sum(b => b.VolumeShares));
    }

    [Fact]
    public void AdvanceWatermark_LiveClockFirstSeenOnALaterDay_ClosesTheEarlierSession()
    {
        var sink = new RecordingSink();
        var engine = new BarSynthesizer(FiveSecondGrace, sink);
        engine.OnTick("600000.SH", Day.Tick("09:15:00", 0, 0));

        engine.AdvanceWatermark(Day.At("10:00:00") + 86_400_000L);

        Assert.Equal(240, sink.Finals().Count());
        Assert.Equal([Day.Start], sink.ClosedDays);
    }

    [Fact]
    public void Flush_TicksAheadOfLiveClock_ClosesTheirSession()
    {
        var sink = new RecordingSink();
        var engine = new BarSynthesizer(FiveSecondGrace, sink);
        engine.AdvanceWatermark(Day.At("09:00:00"));
        var tomorrow = 86_400_000L;
        engine.OnTick("600000.SH", Day.Tick("09:15:00", 0, 0) with { TimeUnixMs = Day.At("09:15:00") + tomorrow });

        engine.Flush();

        Assert.Equal(240, sink.Finals().Count());
        Assert.Equal([Day.Start, Day.Start + tomorrow], sink.ClosedDays);
    }
}
