using System.Globalization;
using ClickHouse.Driver.Utility;
using QuotePlatform.Cli.Backfill;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Cli.Tests.Backfill;

/// <summary>Each test works on a trading date of its own, so the "every symbol" runs see only its bars.</summary>
public sealed class BackfillCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    [Fact]
    public async Task Backfill_MissingRollups_DerivedFrom1mAndServedByTheQueryService()
    {
        await stack.StoreAsync(MarketData.Minutes("600300.SH"));
        var pipelineDay = MarketData.Minute("600300.SH", 0);
        (pipelineDay.Period, pipelineDay.FrameUnixMs, pipelineDay.Close) = (Period._1D, MarketData.Day, 99);
        await stack.StoreAsync([pipelineDay]);

        var result = await BackfillAsync("--from", MarketData.Date, "--symbols", "600300.SH");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            "1 symbols, 240 stored 1m bars; roll-up bars written: 5m 48 15m 16 30m 8 60m 4 (0 partial); already stored: 1; 1m bars missing: 0 in 0 gaps",
            result.Lines[0]);
        Assert.Equal("1m bars: complete", result.Lines[1]);
        Assert.Contains("backfill: 1/1 symbols, 240 1m bars read", result.Error, StringComparison.Ordinal);

        // The first 5m bar holds minutes 09:31..09:35; the pipeline's own 1d bar is left as it was.
        var bars = await CliRun.RunAsync(BarsCommand.Create(TimeProvider.System), "600300.SH", "--period", "5m", "--from", MarketData.Date, "--format", "jsonl", "--server", stack.Server);
        Assert.True(bars.Exit == 0, bars.ToString());
        Assert.Equal(48, bars.Lines.Length);
        Assert.Equal(
            """{"symbol":"600300.SH","period":"5m","frame":"2025-06-06T09:35:00+08:00","open":10,"high":10.54,"low":9.5,"close":10.24,"volume":5010,"amount":50012.5}""",
            bars.Lines[0]);
        var day = Assert.Single(await Reader.ReadAsync("600300.SH", BarPeriod.OneDay, MarketData.Day, MarketData.Day + 1, CancellationToken.None));
        Assert.Equal(99, day.Close);
    }

    [Fact]
    public async Task Backfill_GapIn1m_ListedAndTheWindowsAroundItFlaggedPartial()
    {
        var day = Day("2025-06-09");
        await stack.StoreAsync(MarketData.Minutes("600301.SH", Enumerable.Range(0, 240).Where(n => n is < 30 or > 32), day));

        var result = await BackfillAsync("--from", "2025-06-09", "--symbols", "600301.SH");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            "1 symbols, 237 stored 1m bars; roll-up bars written: 5m 48 15m 16 30m 8 60m 4 1d 1 (5 partial); already stored: 0; 1m bars missing: 3 in 1 gaps",
            result.Lines[0]);
        Assert.Equal("600301.SH 2025-06-09 10:01-10:03 3 bars", result.Lines[^1]);
        var partial = (await Reader.ReadAsync("600301.SH", BarPeriod.FiveMinutes, day, day + 86_400_000, CancellationToken.None))
            .Where(b => (b.QualityFlags & (uint)Domain.Bars.BarQuality.Partial) != 0)
            .Select(b => b.FrameUnixMs);
        Assert.Equal([day + (((10 * 60) + 5) * 60_000L)], partial);
    }

    [Fact]
    public async Task Backfill_EverySymbolOverSeveralDays_ReportsEmptyDaysPerSymbolAndForTheMarket()
    {
        await stack.StoreAsync(MarketData.Minutes("600302.SH", day: Day("2025-06-10")));
        await stack.StoreAsync(MarketData.Minutes("600302.SH", day: Day("2025-06-11")));
        await stack.StoreAsync(MarketData.Minutes("600303.SH", day: Day("2025-06-10")));

        var result = await BackfillAsync("--from", "2025-06-10", "--to", "2025-06-12");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.StartsWith("2 symbols, 720 stored 1m bars; roll-up bars written: 5m 144 15m 48 30m 24 60m 12 1d 3 (0 partial)", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal(
            ["2025-06-12 no 1m bars for any symbol (a holiday, or nothing was ingested: no trading calendar stored for it)", "600303.SH 2025-06-11 no 1m bars (suspended, or not ingested)"],
            result.Lines[2..]);
    }

    [Fact]
    public async Task Backfill_RunTwice_SameBarsOnceAndTheSecondRunRederivesInPlace()
    {
        var day = Day("2025-06-13");
        await stack.StoreAsync(MarketData.Minutes("600304.SH", day: day));

        var first = await BackfillAsync("--from", "2025-06-13", "--symbols", "600304.SH");
        var second = await BackfillAsync("--from", "2025-06-13", "--symbols", "600304.SH");

        Assert.Equal((0, 0), (first.Exit, second.Exit));
        Assert.Equal(first.Lines[0], second.Lines[0]);
        Assert.Equal(240 + 48 + 16 + 8 + 4 + 1, await CountAsync("600304.SH"));
    }

    [Fact]
    public async Task Backfill_DryRun_ReportsAndWritesNothing()
    {
        await stack.StoreAsync(MarketData.Minutes("600305.SH", day: Day("2025-06-16")));

        var result = await BackfillAsync("--from", "2025-06-16", "--symbols", "600305.SH", "--dry-run");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("roll-up bars to write (dry run): 5m 48 15m 16 30m 8 60m 4 1d 1", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal(240, await CountAsync("600305.SH"));
    }

    [Fact]
    public async Task Backfill_NationalDay_EmptyDaysUntilTheCalendarIsStoredThenSkipped()
    {
        await stack.StoreAsync(MarketData.Minutes("600306.SH", day: Day("2025-09-30")));
        await stack.StoreAsync(MarketData.Minutes("600306.SH", day: Day("2025-10-09")));

        var before = await BackfillAsync("--from", "2025-09-30", "--to", "2025-10-09", "--symbols", "600306.SH", "--dry-run");
        await stack.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31), [.. Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d))]);
        var after = await BackfillAsync("--from", "2025-09-30", "--to", "2025-10-09", "--symbols", "600306.SH", "--dry-run");

        Assert.True(before.Exit == 0, before.ToString());
        Assert.Equal(
            ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"],
            before.Lines[2..].Select(line => line[..10]));
        Assert.All(before.Lines[2..], line => Assert.EndsWith("no 1m bars for any symbol (a holiday, or nothing was ingested: no trading calendar stored for it)", line, StringComparison.Ordinal));
        Assert.True(after.Exit == 0, after.ToString());
        Assert.EndsWith("1m bars missing: 0 in 0 gaps", after.Lines[0], StringComparison.Ordinal);
        Assert.Equal("1m bars: complete", after.Lines[1]);
        Assert.Contains(
            "backfill: 6 weekdays closed by the stored trading calendar, not looked at: 2025-10-01, 2025-10-02, 2025-10-03, 2025-10-06, 2025-10-07, 2025-10-08",
            after.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_SzSymbolOnlyShCalendarStored_DragonBoatSkipped()
    {
        // Only 06-01..06-03: the other tests' June days keep no calendar.
        await stack.StoreAsync(MarketData.Minutes("000308.SZ", day: Day("2025-06-03")));
        await stack.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 2));

        var result = await BackfillAsync("--from", "2025-06-02", "--to", "2025-06-03", "--symbols", "000308.SZ", "--dry-run");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("1m bars: complete", result.Lines[1]);
        Assert.Contains("backfill: 1 weekdays closed by the stored trading calendar, not looked at: 2025-06-02", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_StoredTradingDayWithoutBars_SaysNothingWasIngested()
    {
        await stack.StoreAsync(MarketData.Minutes("600307.SH", day: Day("2025-11-03")));
        await stack.StoreCalendarAsync("SH", new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30));

        var result = await BackfillAsync("--from", "2025-11-03", "--to", "2025-11-04", "--symbols", "600307.SH", "--dry-run");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("2025-11-04 no 1m bars for any symbol (a trading day by the stored calendar: nothing was ingested)", result.Lines[^1]);
    }

    [Fact]
    public async Task Backfill_BadDate_Exit1NamingTheOption()
    {
        var result = await BackfillAsync("--from", "2025-06-31");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--from '2025-06-31' is not a date", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_ClickHouseUnreachable_Exit3SayingHowToStartIt()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(BackfillCommand.Create(TimeProvider.System), "--from", MarketData.Date, "--clickhouse", address);

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach ClickHouse at {address} (from --clickhouse): start it with scripts/dev.sh up or pass --clickhouse", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_DatabaseWithoutTheSchema_Exit2SayingToMigrate()
    {
        var result = await CliRun.RunAsync(
            BackfillCommand.Create(TimeProvider.System), "--from", MarketData.Date, "--clickhouse", $"{Testing.TestServers.ClickHouseUrl}/qp_absent_{Guid.NewGuid():N}");

        Assert.Equal(2, result.Exit);
        Assert.Contains("run quote migrate", result.Error, StringComparison.Ordinal);
    }

    private BarReader Reader => new(stack.ClickHouse);

    private Task<CliResult> BackfillAsync(params string[] args) =>
        CliRun.RunAsync(BackfillCommand.Create(TimeProvider.System), [.. args, "--clickhouse", stack.ClickHouseUrl]);

    private async Task<long> CountAsync(string symbol) => Convert.ToInt64(
        await stack.ClickHouse.ExecuteScalarAsync($"SELECT count() FROM bars FINAL WHERE symbol = '{symbol}'"), CultureInfo.InvariantCulture);

    private static long Day(string date) =>
        new DateTimeOffset(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
}
