using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Cli.Tests.Query;

/// <summary>Each test uses symbols of its own: the class shares one query service and its database.</summary>
public sealed class CoverageCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    private static readonly long June3 = Day(new DateOnly(2025, 6, 3));
    private static readonly long June4 = Day(new DateOnly(2025, 6, 4));

    [Fact]
    public async Task Coverage_GapOnOneDayDragonBoatStored_DaysGapsAndTotalsExit0()
    {
        await stack.StoreAsync(MarketData.Minutes("600900.SH", day: June3));
        await stack.StoreAsync(MarketData.Minutes("600900.SH", Enumerable.Range(35, 205), June4));
        await stack.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), new DateOnly(2025, 6, 2));

        var result = await CoverageAsync("600900.SH", "--from", "2025-06-02", "--to", "2025-06-04");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            [
                "600900.SH 2025-06-03 240/240 bars, 0 gaps",
                "600900.SH 2025-06-04 205/240 bars, 1 gaps: 09:31-10:05 (35 bars)",
                "coverage: 445/480 bars, 1 gaps",
            ],
            result.Lines);
    }

    [Fact]
    public async Task Coverage_TwoSymbolsSeparateAuctionBar_PerSymbolLinesSingleBarGapsAndSums()
    {
        await stack.StoreAsync(MarketData.Minutes("600901.SH", Enumerable.Range(0, 240).Where(n => n != 120), day: June3));
        await stack.StoreAsync(MarketData.Minutes("000901.SZ", day: June3));

        var result = await CoverageAsync("600901.sh", "000901.SZ", "--from", "2025-06-03", "--separate-auction-bar");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            [
                "000901.SZ 2025-06-03 240/241 bars, 1 gaps: 09:30 (1 bar)",
                "600901.SH 2025-06-03 239/241 bars, 2 gaps: 09:30 (1 bar), 13:01 (1 bar)",
                "coverage: 479/482 bars, 3 gaps",
            ],
            result.Lines);
    }

    [Fact]
    public async Task Coverage_DailyBarsWithoutCalendar_MissingWeekdayShownByDate()
    {
        var bar = MarketData.Minute("600902.SH", 0);
        (bar.Period, bar.FrameUnixMs) = (Period._1D, Day(new DateOnly(2024, 3, 8)));
        await stack.StoreAsync([bar]);

        var result = await CoverageAsync("600902.SH", "--from", "2024-03-08", "--to", "2024-03-11", "--period", "1d");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            ["600902.SH 2024-03-08 1/1 bars, 0 gaps", "600902.SH 2024-03-11 0/1 bars, 1 gaps: 2024-03-11 (1 bar)", "coverage: 1/2 bars, 1 gaps"],
            result.Lines);
    }

    [Fact]
    public async Task Coverage_UnknownSymbol_Exit2NamingIt()
    {
        var result = await CoverageAsync("600999.SH", "--from", "2025-06-03");

        Assert.Equal(2, result.Exit);
        Assert.Contains("600999.SH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_MalformedSymbol_Exit1()
    {
        var result = await CoverageAsync("600999", "--from", "2025-06-03");

        Assert.Equal(1, result.Exit);
        Assert.Contains("600999", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> CoverageAsync(params string[] args) =>
        CliRun.RunAsync(CoverageCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);

    private static long Day(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
}
