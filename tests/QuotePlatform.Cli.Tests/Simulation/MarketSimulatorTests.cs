using System.Text;
using System.Text.Json;
using QuotePlatform.Cli.Simulation;
using QuotePlatform.Cli.Synth;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Tests.Simulation;

public sealed class MarketSimulatorTests
{
    private static readonly long DayStart = new DateTimeOffset(SimulatedDay.Date, TimeOnly.MinValue, BeijingTime.Offset).ToUnixTimeMilliseconds();

    [Fact]
    public void Run_ParsedBySynth_240OneMinuteBarsPerTradingSymbolAndNoneForSuspended()
    {
        var day = SimulatedDay.Run(symbols: 40);
        var output = new MemoryStream();

        var summary = SynthRunner.Run(new MemoryStream(day.Bytes), output, TextWriter.Null, SynthSettings.Default);

        var bars = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var perSymbol = bars.Where(b => b.GetProperty("period").GetString() == "1m")
            .GroupBy(b => b.GetProperty("symbol").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((0L, 0L), (summary.MalformedLines, summary.RejectedTicks));
        Assert.Single(day.Summary.SuspendedSymbols);
        Assert.Contains(MarketSimulator.SuspendedStatus, StockStatus.DefaultSuspendedCodes);
        Assert.Equal(39, day.Summary.TradingSymbols);
        Assert.Equal(39, perSymbol.Count);
        Assert.All(perSymbol.Values, count => Assert.Equal(240, count));
        Assert.DoesNotContain(bars, b => day.Summary.SuspendedSymbols.Contains(b.GetProperty("symbol").GetString()));
        Assert.Equal(39 * 317, bars.Count);
    }

    [Fact]
    public void Run_DailyBar_HoldsTheDaysCumulativeVolumeAndAmount()
    {
        var day = SimulatedDay.Run(symbols: 12);
        var output = new MemoryStream();

        SynthRunner.Run(new MemoryStream(day.Bytes), output, TextWriter.Null, SynthSettings.Default with { Periods = [BarPeriod.OneDay] });

        var closing = day.Lines.Last();
        var daily = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Equal(11, daily.Count);
        foreach (var bar in daily)
        {
            var tick = closing.GetProperty(bar.GetProperty("symbol").GetString()!);
            Assert.Equal(tick.GetProperty("volume").GetInt64() * 100, bar.GetProperty("volume").GetInt64());
            Assert.Equal(tick.GetProperty("amount").GetDouble(), bar.GetProperty("amount").GetDouble(), 2);
            Assert.Equal(tick.GetProperty("open").GetDouble(), bar.GetProperty("open").GetDouble());
            Assert.Equal(tick.GetProperty("lastPrice").GetDouble(), bar.GetProperty("close").GetDouble());
        }
    }

    [Fact]
    public void Run_SameSeed_SameBytesAndAnotherSeedDiffers()
    {
        var first = SimulatedDay.Run(symbols: 15, seed: 3);
        var again = SimulatedDay.Run(symbols: 15, seed: 3);
        var other = SimulatedDay.Run(symbols: 15, seed: 4);

        Assert.Equal(first.Bytes, again.Bytes);
        Assert.NotEqual(first.Bytes, other.Bytes);
    }

    [Fact]
    public void Run_Pushes_FullSnapshotFirstThenChangesOnlyAndNoVolumeBeforeTheOpeningMatch()
    {
        var day = SimulatedDay.Run(symbols: 30);
        var lines = day.Lines.ToList();
        var suspended = day.Summary.SuspendedSymbols.Single();

        var first = lines[0].EnumerateObject().ToList();
        Assert.Equal(30, first.Count);
        Assert.Equal(MarketSimulator.SuspendedStatus, lines[0].GetProperty(suspended).GetProperty("stockStatus").GetInt32());
        Assert.All(lines.Skip(1), line => Assert.False(line.TryGetProperty(suspended, out _)));
        Assert.Contains(lines.Skip(1), line => line.EnumerateObject().Count() < 29);

        var ticks = lines.SelectMany(line => line.EnumerateObject()).Select(p => p.Value).ToList();
        var beforeMatch = ticks.Where(t => Time(t) < BeijingTime.At(9, 25)).ToList();
        Assert.NotEmpty(beforeMatch);
        Assert.All(beforeMatch, t => Assert.Equal(0, t.GetProperty("volume").GetInt64()));
        Assert.All(beforeMatch.Where(t => t.GetProperty("stockStatus").GetInt32() != MarketSimulator.SuspendedStatus),
            t => Assert.True(t.GetProperty("lastPrice").GetDouble() > 0));
        Assert.DoesNotContain(ticks, t => Time(t) > BeijingTime.At(11, 30, 1) && Time(t) < BeijingTime.At(13, 0));
        Assert.All(ticks, t => Assert.Equal(5, t.GetProperty("bidPrice").GetArrayLength()));
    }

    [Fact]
    public void Run_Prices_StayWithinTheDailyLimits()
    {
        var day = SimulatedDay.Run(symbols: 25, seed: 11);

        foreach (var tick in day.Lines.SelectMany(line => line.EnumerateObject()).Select(p => p.Value))
        {
            var lastClose = tick.GetProperty("lastClose").GetDouble();
            var price = tick.GetProperty("lastPrice").GetDouble();
            Assert.InRange(price, Math.Round(lastClose * 0.8, 2), Math.Round(lastClose * 1.2, 2));
        }
    }

    [Fact]
    public void Run_StartSymbol_ConsecutiveCodesOnThatExchange()
    {
        var day = SimulatedDay.Run(symbols: 5, startSymbol: "600100.SH");

        Assert.Equal(["600100.SH", "600101.SH", "600102.SH", "600103.SH", "600104.SH"], day.Lines.First().EnumerateObject().Select(p => p.Name));
    }

    private static long Time(JsonElement tick) => tick.GetProperty("time").GetInt64() - DayStart;
}
