using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Coverage;

/// <summary>GetCoverage on the stored trading calendar: a holiday is no trading day, so no day of gaps.</summary>
public sealed class GetCoverageCalendarTests : QueryServiceTest
{
    private static readonly DateOnly[] NationalDay = [.. Enumerable.Range(1, 8).Select(day => new DateOnly(2025, 10, day))];
    private static readonly DateOnly DragonBoat = new(2025, 6, 2);

    [Fact]
    public async Task GetCoverage_NationalDayWithoutCalendar_EachHolidayWeekdayAllGap()
    {
        await StoreAroundNationalDayAsync("600000.SH");

        var response = await CoverageAsync("600000.SH", "2025-09-30", "2025-10-09");

        Assert.Equal(
            ["2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09"],
            response.Days.Select(d => d.TradingDate));
        Assert.All(response.Days.Where(d => d.TradingDate.StartsWith("2025-10-0", StringComparison.Ordinal) && d.TradingDate != "2025-10-09"), holiday =>
            Assert.Equal((0u, 240u, 240u), (holiday.BarsPresent, holiday.BarsExpected, Assert.Single(holiday.Gaps).Bars)));
        Assert.Equal(6, response.Days.Sum(d => d.Gaps.Count));
    }

    [Fact]
    public async Task GetCoverage_NationalDayInStoredCalendar_NoHolidayNoGap()
    {
        await StoreAroundNationalDayAsync("600000.SH");
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31), NationalDay);

        var response = await CoverageAsync("600000.SH", "2025-09-30", "2025-10-09");

        Assert.Equal(["2025-09-30", "2025-10-09"], response.Days.Select(d => d.TradingDate));
        Assert.All(response.Days, day => Assert.Equal((240u, 240u, 0), (day.BarsPresent, day.BarsExpected, day.Gaps.Count)));
    }

    [Fact]
    public async Task GetCoverage_OnlyShCalendarStored_ShSzAndBjSymbolsAllSkipTheHoliday()
    {
        string[] symbols = ["000001.SZ", "600000.SH", "830799.BJ"];
        foreach (var symbol in symbols)
        {
            await World.StoreAsync(TestData.Day1m(symbol, TestData.DayOf("2025-06-03")));
        }

        await World.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), DragonBoat);

        var response = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest { Symbols = { symbols }, FromDate = "2025-06-02", ToDate = "2025-06-03" });

        Assert.Equal(symbols.Select(s => (s, "2025-06-03", 240u, 0)), response.Days.Select(d => (d.Symbol, d.TradingDate, d.BarsPresent, d.Gaps.Count)));
    }

    [Fact]
    public async Task GetCoverage_SzAndBjCalendarsStored_EachExchangeFollowsItsOwn()
    {
        // SZ's and BJ's calendars are made to differ from SH's on 06-02 to tell which one a symbol follows.
        string[] symbols = ["000002.SZ", "600001.SH", "830002.BJ"];
        foreach (var symbol in symbols)
        {
            await World.StoreAsync(TestData.Day1m(symbol, TestData.DayOf("2025-06-03")));
        }

        await World.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), DragonBoat);
        await World.StoreCalendarAsync("SZ", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30));
        await World.StoreCalendarAsync("BJ", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30));

        var response = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest { Symbols = { symbols }, FromDate = "2025-06-02", ToDate = "2025-06-03" });

        Assert.Equal(
            [
                ("000002.SZ", "2025-06-02", 0u), ("000002.SZ", "2025-06-03", 240u),
                ("600001.SH", "2025-06-03", 240u),
                ("830002.BJ", "2025-06-02", 0u), ("830002.BJ", "2025-06-03", 240u),
            ],
            response.Days.Select(d => (d.Symbol, d.TradingDate, d.BarsPresent)));
    }

    [Fact]
    public async Task GetCoverage_RangeOfHolidaysOnly_NoDays()
    {
        await StoreAroundNationalDayAsync("600000.SH");
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31), NationalDay);

        var response = await CoverageAsync("600000.SH", "2025-10-01", "2025-10-08");

        Assert.Empty(response.Days);
    }

    private async Task StoreAroundNationalDayAsync(string symbol)
    {
        await World.StoreAsync(TestData.Day1m(symbol, TestData.DayOf("2025-09-30")));
        await World.StoreAsync(TestData.Day1m(symbol, TestData.DayOf("2025-10-09")));
    }

    private Task<GetCoverageResponse> CoverageAsync(string symbol, string from, string to) =>
        Host.CreateClient().GetCoverageAsync(new GetCoverageRequest { Symbols = { symbol }, FromDate = from, ToDate = to }).ResponseAsync;
}
