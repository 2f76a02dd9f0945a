using System.Text;
using QuotePlatform.Cli.Synth;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Tests.Synth;

public sealed class SynthRunnerTests
{
    private static (string[] Lines, SynthSummary Summary, string Diagnostics) Run(Stream input, SynthSettings? settings = null)
    {
        var output = new MemoryStream();
        var diagnostics = new StringWriter();
        var summary = SynthRunner.Run(input, output, diagnostics, settings ?? SynthSettings.Default);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (lines, summary, diagnostics.ToString());
    }

    [Fact]
    public void Run_AuctionAndOneTrade_WritesIssueFormatExactly()
    {
        var input = Payloads.Stream(
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0, lastClose: 8.0))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 25, 3), 8.01, 100, amount: 80_100, high: 8.01, low: 8.01, lastClose: 8.0))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 30, 3), 8.03, 150, amount: 120_300, high: 8.05, low: 8.0, lastClose: 8.0))));

        var (lines, _, _) = Run(input, SynthSettings.Default with { Periods = [BarPeriod.OneMinute, BarPeriod.OneDay] });

        Assert.Equal(241, lines.Length);
        Assert.Equal("""{"symbol":"600000.SH","period":"1m","frame":"2025-06-06T09:31:00+08:00","open":8.01,"high":8.05,"low":8,"close":8.03,"volume":15000,"amount":120300}""", lines[0]);
        Assert.Equal("""{"symbol":"600000.SH","period":"1m","frame":"2025-06-06T09:32:00+08:00","open":8.03,"high":8.03,"low":8.03,"close":8.03,"volume":0,"amount":0}""", lines[1]);
        Assert.Equal("""{"symbol":"600000.SH","period":"1d","frame":"2025-06-06T00:00:00+08:00","open":8.01,"high":8.05,"low":8,"close":8.03,"volume":15000,"amount":120300}""", lines[^1]);
    }

    [Fact]
    public void Run_TwoSymbolsAllPeriods_OrderedByPeriodSymbolFrame()
    {
        var input = Payloads.Stream(Payloads.Line(
            ("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0)),
            ("000001.SZ", Payloads.Tick(Payloads.At(9, 15), 0, 0))));

        var (lines, summary, _) = Run(input);

        var keys = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => (Period: e.GetProperty("period").GetString(), Symbol: e.GetProperty("symbol").GetString(), Frame: e.GetProperty("frame").GetString()))
            .ToList();
        Assert.Equal(2 * (240 + 48 + 16 + 8 + 4 + 1), keys.Count);
        Assert.Equal(["1m", "5m", "15m", "30m", "60m", "1d"], keys.Select(k => k.Period).Distinct());
        Assert.Equal(("1m", "000001.SZ", "2025-06-06T09:31:00+08:00"), keys[0]);
        Assert.Equal(("1m", "600000.SH", "2025-06-06T09:31:00+08:00"), keys[240]);
        Assert.True(keys.Where(k => k.Period == "1m" && k.Symbol == "000001.SZ").Select(k => k.Frame).SequenceEqual(
            keys.Where(k => k.Period == "1m" && k.Symbol == "000001.SZ").Select(k => k.Frame).Order(StringComparer.Ordinal)));
        Assert.Equal(480, summary.Bars[BarPeriod.OneMinute]);
        Assert.Equal(2, summary.Bars[BarPeriod.OneDay]);
    }

    [Fact]
    public void Run_MalformedLine_ReportedWithLineNumberAndSkippedWhole()
    {
        var input = Payloads.Stream(
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0))),
            """{"600000.SH": {"time": 1749173700000, "lastPrice": 10.0, "volume": 100}, "000001.SZ": [1, 2]}""",
            "not json at all",
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(10, 0, 3), 10.0, 200))));

        var (lines, summary, diagnostics) = Run(input, SynthSettings.Default with { Periods = [BarPeriod.OneDay] });

        Assert.Equal((4L, 2L), (summary.Lines, summary.MalformedLines));
        Assert.Contains("line 2: malformed", diagnostics, StringComparison.Ordinal);
        Assert.Contains("line 3: malformed", diagnostics, StringComparison.Ordinal);
        Assert.Equal(2, summary.AcceptedTicks);
        Assert.Contains("\"volume\":20000,", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RejectedTicks_CountedByReasonInSummary()
    {
        var input = Payloads.Stream(
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0)), ("60000X.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 40), 10.0, 100))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 41), 10.0, 50))));

        var (_, summary, _) = Run(input);

        Assert.Equal(1, summary.Ticks[TickVerdict.RejectedBadSymbol]);
        Assert.Equal(1, summary.Ticks[TickVerdict.RejectedDuplicate]);
        Assert.Equal(1, summary.Ticks[TickVerdict.RejectedVolumeBackwards]);
        Assert.Equal(2, summary.AcceptedTicks);
        Assert.Contains("rejected volume_backwards: 1", summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SeparateAuctionBar_241MinuteBarsStartingAt0930()
    {
        var input = Payloads.Stream(
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 15), 0, 0))),
            Payloads.Line(("600000.SH", Payloads.Tick(Payloads.At(9, 25, 3), 10.0, 100))));

        var (lines, _, _) = Run(input, SynthSettings.Default with { Periods = [BarPeriod.OneMinute], AuctionBar = AuctionBar.Separate });

        Assert.Equal(241, lines.Length);
        Assert.Contains("\"frame\":\"2025-06-06T09:30:00+08:00\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"volume\":10000,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyInput_NoBarsNoError()
    {
        var (lines, summary, diagnostics) = Run(new MemoryStream());

        Assert.Empty(lines);
        Assert.Equal(0, summary.Lines);
        Assert.Empty(diagnostics);
    }
}
