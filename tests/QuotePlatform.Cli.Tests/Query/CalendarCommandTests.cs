using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Query;

/// <summary>Each test asks dates of its own: the class shares one query service and its calendar table.</summary>
public sealed class CalendarCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    [Fact]
    public async Task Calendar_NationalDayStoredUntil1008_HolidaysLeftOutLaterWeekdaysMarkedAssumed()
    {
        await stack.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 8), [.. Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d))]);

        var result = await CalendarAsync("--from", "2025-09-29", "--to", "2025-10-10");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            [
                "2025-09-29",
                "2025-09-30",
                "2025-10-09 assumed",
                "2025-10-10 assumed",
                "calendar SH: 4 trading days from 2025-09-29 to 2025-10-10 (2 assumed: no calendar stored for them)",
            ],
            result.Lines);
    }

    [Fact]
    public async Task Calendar_SzWithoutAnyCalendar_WeekdaysAllAssumed()
    {
        var result = await CalendarAsync("--from", "2024-02-09", "--to", "2024-02-13", "--market", "SZ");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            ["2024-02-09 assumed", "2024-02-12 assumed", "2024-02-13 assumed", "calendar SZ: 3 trading days from 2024-02-09 to 2024-02-13 (3 assumed: no calendar stored for them)"],
            result.Lines);
    }

    [Fact]
    public async Task Calendar_DragonBoatStoredForSz_OneDayNoneAssumed()
    {
        await stack.StoreCalendarAsync("SZ", new DateOnly(2025, 5, 26), new DateOnly(2025, 6, 8), new DateOnly(2025, 6, 2));

        var result = await CalendarAsync("--from", "2025-05-30", "--to", "2025-06-03", "--market", "SZ");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(["2025-05-30", "2025-06-03", "calendar SZ: 2 trading days from 2025-05-30 to 2025-06-03 (0 assumed: no calendar stored for them)"], result.Lines);
    }

    [Fact]
    public async Task Calendar_OverAYear_Exit1WithTheServicesLimit()
    {
        var result = await CalendarAsync("--from", "2024-01-01", "--to", "2025-01-01");

        Assert.Equal(1, result.Exit);
        Assert.Contains("spans more than 366 days", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_UnknownMarket_Exit1NamingTheChoices()
    {
        var result = await CalendarAsync("--from", "2025-06-02", "--market", "BJ");

        Assert.Equal(1, result.Exit);
        Assert.Contains("SH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_WrongServer_Exit3()
    {
        var result = await CliRun.RunAsync(CalendarCommand.Create(TimeProvider.System), "--from", "2025-06-02", "--server", Unreachable.Address());

        Assert.Equal(3, result.Exit);
    }

    private Task<CliResult> CalendarAsync(params string[] args) =>
        CliRun.RunAsync(CalendarCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);
}
