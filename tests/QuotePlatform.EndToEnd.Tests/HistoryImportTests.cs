using System.Globalization;
using System.Text.Json;
using QuotePlatform.Testing;

namespace QuotePlatform.EndToEnd.Tests;

/// <summary>
/// The ingest's `backfill` verb against the simulated terminal, through a relay and a storage writer
/// process into ClickHouse: 2025-06-02 (Dragon Boat Festival) to 2025-06-06, so four trading days.
/// </summary>
public sealed class HistoryImportTests
{
    private const int Symbols = 120;

    // Beside its stocks the simulated terminal lists 8 indices, 9 ETFs and 7 convertible bonds
    // (tools/xtquant-simulator/xtquant/_sim/instruments.py), all in the ingest's default sectors.
    private const int Instruments = Symbols + 24;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    // Long enough for 2025 minute bars: this test is about the import, not about retention.
    private static readonly Dictionary<string, string> KeepEverything = new()
    {
        ["Storage__OneMinuteRetention"] = "3650.00:00:00",
        ["Storage__FiveMinutesRetention"] = "3650.00:00:00",
        ["Storage__FifteenMinutesRetention"] = "3650.00:00:00",
    };

    [Fact]
    public async Task Backfill_KilledHalfWayAndRunAgain_CompleteWithNothingDoubled()
    {
        await using var pipeline = await Pipeline.StartAsync(KeepEverything);
        var spool = Directory.CreateTempSubdirectory("qp-backfill-").FullName;
        // One symbol per chunk (4 days x 241 bars), so the kill lands between chunks and inside one.
        var first = await StartBackfillAsync(pipeline, spool, ("Ingest__Backfill__BarsPerChunk", "1000"));
        await Poll.UntilAsync(() => ChunksDone(spool) >= 4, Timeout, "four chunks imported");
        await first.KillAsync();
        Assert.InRange(ChunksDone(spool), 4, Symbols - 1);

        await using var second = await StartBackfillAsync(pipeline, spool, ("Ingest__Backfill__BarsPerChunk", "1000"));
        Assert.Equal(0, await second.WaitForExitAsync(Timeout));
        Assert.Contains("chunks already imported by an earlier run", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"history import: [\d,]+ bars sent, [\d,]+ accepted by the relay, 0 refused", second.Output);

        // Every symbol-day the terminal had is complete in every period, each bar visible once.
        long symbolDays = 0;
        await Poll.UntilAsync(
            async () => (symbolDays = await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE period = 6")) >= Instruments * 3
                && await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE period = 1") == symbolDays * 240,
            Timeout, "every bar stored");
        Assert.InRange(symbolDays, Instruments * 3, Instruments * 4);
        Assert.Equal(Instruments, await pipeline.ScalarAsync("SELECT uniqExact(symbol) FROM bars FINAL WHERE period = 6"));
        Assert.Equal(0, await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE toDate(frame, 'Asia/Shanghai') = '2025-06-02'"));
        Assert.Equal(0, await pipeline.ScalarAsync(
            "SELECT count() FROM (SELECT symbol, toDate(frame, 'Asia/Shanghai') AS day, count() AS n FROM bars FINAL WHERE period = 1 GROUP BY symbol, day HAVING n != 240)"));
        foreach (var (period, perDay) in new[] { (2, 48), (3, 16), (4, 8), (5, 4) })
        {
            Assert.Equal(symbolDays * perDay, await pipeline.ScalarAsync($"SELECT count() FROM bars FINAL WHERE period = {period}"));
        }

        Assert.Equal(0, await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE bitAnd(quality_flags, 16) = 0"));
        // The calendar of the range arrived with the bars: the holiday is stored as closed.
        await Poll.UntilAsync(
            async () => await pipeline.ScalarAsync("SELECT count() FROM trading_calendar FINAL WHERE market = 'SH' AND date = '2025-06-02' AND trading = 0") == 1,
            Timeout, "the calendar stored");
        // So did every symbol's details (named as of the terminal's day) and the dividend factors it knew.
        await Poll.UntilAsync(
            async () => await pipeline.ScalarAsync("SELECT uniqExact(symbol) FROM instruments FINAL WHERE trading_date = '2025-06-09'") == Instruments,
            Timeout, "the details stored");
        Assert.Equal(1, await pipeline.ScalarAsync("SELECT count() FROM instruments FINAL WHERE symbol = '000001.SZ' AND name = '平安银行' AND type = 'stock'"));
        Assert.True(await pipeline.ScalarAsync("SELECT count() FROM dividend_factors FINAL WHERE ex_date <= '2025-06-09' AND dr > 1") > 0);
        // Indices, ETFs and bonds came with their types and ticks; a bond's volume counts bonds, 10 a lot.
        Assert.Equal(1, await pipeline.ScalarAsync("SELECT count() FROM instruments FINAL WHERE symbol = '000300.SH' AND name = '沪深300' AND type = 'index'"));
        Assert.Equal(1, await pipeline.ScalarAsync("SELECT count() FROM instruments FINAL WHERE symbol = '510300.SH' AND type = 'etf' AND price_tick = 0.001"));
        Assert.Equal(1, await pipeline.ScalarAsync("SELECT count() FROM instruments FINAL WHERE symbol = '113052.SH' AND type = 'bond' AND price_tick = 0.001"));
        Assert.Equal(0, await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE symbol = '113052.SH' AND volume_shares % 10 != 0"));
        Assert.True(await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE symbol = '113052.SH' AND volume_shares % 100 != 0") > 0);
    }

    [Fact]
    public async Task Backfill_DaysBeyondRetention_RefusedCountedPerPeriodInTheReport()
    {
        await using var pipeline = await Pipeline.StartAsync();
        var spool = Directory.CreateTempSubdirectory("qp-backfill-").FullName;

        await using var import = await StartBackfillAsync(pipeline, spool);
        Assert.Equal(0, await import.WaitForExitAsync(Timeout));

        // Default retention: 1m 30 days, 5m 180, 15m 365; 30m, 60m and 1d keep 2025.
        var refused1m = Count(import.Output, @"1m +[\d,]+ sent, ([\d,]+) refused for retention");
        var sent1m = Count(import.Output, @"1m +([\d,]+) sent");
        Assert.True(sent1m > 0);
        Assert.Equal(sent1m, refused1m);
        Assert.Equal(0, Count(import.Output, @"30m +[\d,]+ sent, ([\d,]+) refused for retention"));
        Assert.Contains("beyond_retention_1m", import.Output, StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await pipeline.ScalarAsync("SELECT count() FROM bars FINAL WHERE period = 6") > 0, Timeout, "daily bars stored");
        Assert.Equal(0, await pipeline.ScalarAsync("SELECT count() FROM bars WHERE period = 1"));
    }

    [Fact]
    public async Task Backfill_OnTwoTerminalDays_RenamedInstrumentKeepsItsOldNameOnOldDates()
    {
        await using var pipeline = await Pipeline.StartAsync();
        var spool = Directory.CreateTempSubdirectory("qp-backfill-").FullName;
        string[] early = ["backfill", "--from", "2025-01-02", "--to", "2025-01-02", "--periods", "1d"];
        string[] late = ["backfill", "--from", "2026-11-30", "--to", "2026-11-30", "--periods", "1d"];

        // The terminal's details as of 2025-01-03, then as of 2026-12-01: about one stock in fifty became ST meanwhile.
        await using (var first = await StartBackfillAsync(pipeline, spool, early, ("XTSIM_DAY", "2025-01-03")))
        {
            Assert.Equal(0, await first.WaitForExitAsync(Timeout));
        }

        await using (var second = await StartBackfillAsync(pipeline, spool, late, ("XTSIM_DAY", "2026-12-01")))
        {
            Assert.Equal(0, await second.WaitForExitAsync(Timeout));
        }

        await Poll.UntilAsync(
            async () => await pipeline.ScalarAsync("SELECT count() FROM instruments FINAL WHERE trading_date = '2026-12-01'") == Instruments,
            Timeout, "both days' details stored");
        var store = new Storage.Reference.InstrumentStore(pipeline.ClickHouse);
        var renamed = await pipeline.ScalarAsync(
            "SELECT count() FROM (SELECT symbol FROM instruments FINAL GROUP BY symbol HAVING uniqExact(name) = 2)");
        Assert.InRange(renamed, 1, Symbols / 10);
        var symbol = (string)(await pipeline.ClickHouse.ExecuteScalarAsync(
            "SELECT symbol FROM instruments FINAL GROUP BY symbol HAVING uniqExact(name) = 2 ORDER BY symbol LIMIT 1"))!;
        var before = await store.DetailAsync(symbol, new DateOnly(2026, 11, 30), CancellationToken.None);
        var after = await store.DetailAsync(symbol, new DateOnly(2026, 12, 1), CancellationToken.None);
        Assert.Equal("ST" + before!.Name, after!.Name);
        Assert.Equal(new DateOnly(2025, 1, 3), before.TradingDate);
    }

    private static Task<ServiceProcess> StartBackfillAsync(Pipeline pipeline, string spool, params (string Key, string Value)[] extra) =>
        StartBackfillAsync(pipeline, spool, ["backfill", "--from", "2025-06-02", "--to", "2025-06-06"], extra);

    private static Task<ServiceProcess> StartBackfillAsync(Pipeline pipeline, string spool, string[] arguments, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ingest__Qmt__PythonDll"] = Environment.GetEnvironmentVariable("QP_PYTHON_DLL") is { Length: > 0 } dll ? dll : "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0",
            ["Ingest__Qmt__ModuleSearchPaths__0"] = TestRepository.PathOf("tools/xtquant-simulator"),
            ["Ingest__Spool__Directory"] = spool,
            ["Ingest__Relay__Url"] = pipeline.RelayAddress.ToString(),
            ["Ingest__Relay__ApiKey"] = pipeline.ApiKey,
            ["XTSIM_DAY"] = "2025-06-09",
            ["XTSIM_SYMBOLS"] = Symbols.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return ServiceProcess.StartAsync("QuotePlatform.Ingest", settings, http2Only: false, readyTimeout: TimeSpan.Zero, arguments: arguments);
    }

    private static int ChunksDone(string spool)
    {
        var path = Path.Combine(spool, "backfill", "history-import.json");
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllText(path));
            return state.RootElement.GetProperty("Chunks").GetArrayLength();
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0;
        }
    }

    private static long Count(string output, string pattern)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, pattern);
        Assert.True(match.Success, $"no line matching {pattern} in:\n{output}");
        return long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
