using System.Globalization;
using System.Text.Json;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Reference;

/// <summary>One symbol's history from the simulated terminal: its dividend factors, and its bars raw, front- and back-adjusted by the terminal.</summary>
public sealed record SimulatorHistory(string Symbol, List<DividendEvent> Events, List<Bar> Raw, List<Bar> Front, List<Bar> Back)
{
    /// <summary>Runs simulator_history.py on Debian's python3 with the project's simulated xtdata.</summary>
    public static async Task<List<SimulatorHistory>> ReadAsync(string liveDay, int symbols, Period period, string start, string end, params string[] codes)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "simulator_history.py");
        var periodName = period == Period._1D ? "1d" : period == Period._5M ? "5m" : "1m";
        var run = await ProgramRun.RunAsync("/usr/bin/python3", AppContext.BaseDirectory, [script, periodName, start, end, .. codes], new Dictionary<string, string?>
        {
            ["PYTHONPATH"] = TestRepository.PathOf("tools/xtquant-simulator"),
            ["XTSIM_DAY"] = liveDay,
            ["XTSIM_SYMBOLS"] = symbols.ToString(CultureInfo.InvariantCulture),
            ["XTSIM_SEED"] = "3",
            ["XTSIM_START"] = "08:00:00",
        });
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        return [.. json.RootElement.EnumerateObject().Select(symbol => new SimulatorHistory(
            symbol.Name,
            [.. symbol.Value.GetProperty("factors").EnumerateArray().Select(row => new DividendEvent(
                DateOnly.ParseExact(row[0].GetString()!, "yyyyMMdd", CultureInfo.InvariantCulture),
                row[1].GetDouble(), row[2].GetDouble(), row[3].GetDouble(), row[4].GetDouble(), row[5].GetDouble(), row[6].GetDouble(), row[7].GetDouble()))],
            Bars(symbol.Name, period, symbol.Value.GetProperty("none")),
            Bars(symbol.Name, period, symbol.Value.GetProperty("front")),
            Bars(symbol.Name, period, symbol.Value.GetProperty("back"))))];
    }

    private static List<Bar> Bars(string symbol, Period period, JsonElement columns)
    {
        double[] Column(string name) => [.. columns.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
        var (time, open, high, low, close, volume, amount) = (Column("time"), Column("open"), Column("high"), Column("low"), Column("close"), Column("volume"), Column("amount"));
        return [.. time.Select((t, i) => new Bar
        {
            Symbol = symbol,
            Period = period,
            FrameUnixMs = (long)t,
            Open = open[i],
            High = high[i],
            Low = low[i],
            Close = close[i],
            VolumeShares = (long)volume[i] * 100,
            AmountCny = amount[i],
            Final = true,
        })];
    }
}
