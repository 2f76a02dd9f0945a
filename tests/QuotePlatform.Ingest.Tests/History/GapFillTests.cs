using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Streams.Calendar;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.History;

/// <summary>The live QMT source (simulated terminal) after days away: it imports the missed trading days by itself.</summary>
public sealed class GapFillTests : IAsyncLifetime
{
    private const int Symbols = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private Relay _relay = null!;
    private string _spool = null!;

    public async Task InitializeAsync()
    {
        _relay = await Relay.StartAsync();
        _spool = Directory.CreateTempSubdirectory("qp-gapfill-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task Start_TwoTradingDaysMissed_ImportsThemAndSendsTheCalendar()
    {
        // Last complete day Tuesday 2025-06-03; the terminal's day is Friday 2025-06-06: 06-04 and 06-05 were missed.
        await File.WriteAllTextAsync(Path.Combine(_spool, "history-state.json"), """{"lastCompleteDay":"2025-06-03"}""");

        await using var ingest = await IngestProcess.StartSimulatedQmtAsync(_relay.Address, _relay.ApiKey, _spool, start: "09:20:00", speed: 1, symbols: Symbols,
            extra: new Dictionary<string, string> { ["Ingest__Backfill__MaxDays"] = "5" });
        List<Bar> daily = [];
        await Poll.UntilAsync(
            async () => (daily = [.. (await _relay.FinalBarsAsync()).Where(b => b.Period == Period._1D)]).Count >= 2 * Symbols - 2,
            Timeout, "the missed days' daily bars in Redis");

        var days = daily.Select(b => DateTimeOffset.FromUnixTimeMilliseconds(b.FrameUnixMs).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["2025-06-04", "2025-06-05"], days);
        Assert.All(daily, b => Assert.Equal(16U, b.QualityFlags & 16U));
        Assert.Contains("Importing 2 missed trading days from the terminal: 2025-06-04..2025-06-05", ingest.Output, StringComparison.Ordinal);
        var calendars = (await _relay.Redis.GetDatabase().StreamRangeAsync(_relay.Keys.Calendars)).Select(CalendarStreamEntry.Parse).ToList();
        var sh = calendars.First(c => c.Market == "SH" && c.LastDate.CompareTo("2025-06-05") >= 0);
        Assert.DoesNotContain("2025-06-02", sh.TradingDates);
        Assert.Contains("2025-06-03", sh.TradingDates);
    }
}
