using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Coverage;

public sealed class GetCoverageTests : QueryServiceTest
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string> { ["Query:MaxCoverageSymbolDays"] = "20" };

    [Fact]
    public async Task GetCoverage_DayWithMissingMinutes_CountsAndListsTheGaps()
    {
        // Missing: 09:31-09:33 (n 0..2) and 13:01 (n 120); present twice: 10:00 (n 29).
        var bars = TestData.Day1m("600000.SH").Where((_, n) => n is not (0 or 1 or 2 or 120)).ToList();
        await World.StoreAsync(bars);
        await World.StoreAsync([TestData.Minute("600000.SH", 29)]);

        var response = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest
        {
            Symbols = { "600000.SH" },
            FromDate = "2025-06-06",
            ToDate = "2025-06-06",
        });

        var day = Assert.Single(response.Days);
        Assert.Equal(("600000.SH", "2025-06-06", 236u, 240u, 0u), (day.Symbol, day.TradingDate, day.BarsPresent, day.BarsExpected, day.BarsUnexpected));
        Assert.Equal(
            [(TestData.MinuteFrame(0), TestData.MinuteFrame(2), 3u), (TestData.MinuteFrame(120), TestData.MinuteFrame(120), 1u)],
            day.Gaps.Select(g => (g.FirstFrameUnixMs, g.LastFrameUnixMs, g.Bars)));
    }

    [Fact]
    public async Task GetCoverage_FridayToMonday_WeekendSkippedAndMissingDayAllGap()
    {
        await World.StoreAsync(TestData.Day1m("000001.SZ"));

        var response = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest
        {
            Symbols = { "000001.SZ" },
            FromDate = "2025-06-06",
            ToDate = "2025-06-09",
        });

        Assert.Equal(["2025-06-06", "2025-06-09"], response.Days.Select(d => d.TradingDate));
        Assert.Equal((240u, 0), (response.Days[0].BarsPresent, response.Days[0].Gaps.Count));
        var monday = response.Days[1];
        Assert.Equal((0u, 240u, 240u), (monday.BarsPresent, monday.BarsExpected, Assert.Single(monday.Gaps).Bars));
    }

    [Fact]
    public async Task GetCoverage_SeparateAuctionLayout_Expects241AndA0930Bar()
    {
        await World.StoreAsync(TestData.Day1m("600000.SH"));

        var merged = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest { Symbols = { "600000.SH" }, FromDate = "2025-06-06", ToDate = "2025-06-06" });
        var separate = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest
        {
            Symbols = { "600000.SH" },
            FromDate = "2025-06-06",
            ToDate = "2025-06-06",
            SeparateAuctionBar = true,
        });

        Assert.Equal((240u, 240u), (merged.Days[0].BarsPresent, merged.Days[0].BarsExpected));
        Assert.Equal((240u, 241u), (separate.Days[0].BarsPresent, separate.Days[0].BarsExpected));
        Assert.Equal(TestData.Day + (((9 * 60) + 30) * 60_000L), Assert.Single(separate.Days[0].Gaps).FirstFrameUnixMs);
    }

    [Fact]
    public async Task GetCoverage_FiveMinuteBarsOneMissing_48ExpectedOneGap()
    {
        var fiveMinute = Enumerable.Range(1, 48)
            .Where(i => i != 10)
            .Select(i => new Bar(TestData.Minute("600000.SH", (i * 5) - 1)) { Period = Period._5M })
            .ToList();
        await World.StoreAsync(fiveMinute);

        var response = await Host.CreateClient().GetCoverageAsync(new GetCoverageRequest
        {
            Symbols = { "600000.SH" },
            Period = Period._5M,
            FromDate = "2025-06-06",
            ToDate = "2025-06-06",
        });

        var day = Assert.Single(response.Days);
        Assert.Equal((47u, 48u), (day.BarsPresent, day.BarsExpected));
        Assert.Equal(TestData.MinuteFrame(49), Assert.Single(day.Gaps).FirstFrameUnixMs);
    }

    [Fact]
    public async Task GetCoverage_BadRequests_InvalidArgumentOrNotFound()
    {
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        var client = Host.CreateClient();

        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetCoverageAsync(new GetCoverageRequest { Symbols = { "600000.SH" }, FromDate = "2025/06/06", ToDate = "2025-06-06" }).ResponseAsync,
            "from_date", "YYYY-MM-DD");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetCoverageAsync(new GetCoverageRequest { Symbols = { "600000.SH" }, FromDate = "2025-06-09", ToDate = "2025-06-06" }).ResponseAsync,
            "before");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetCoverageAsync(new GetCoverageRequest { Symbols = { "600000.SH", "600001.SH", "600002.SH" }, FromDate = "2025-06-02", ToDate = "2025-06-13" }).ResponseAsync,
            "limit of 20 symbol-days");
        await RpcAssert.FailsAsync(
            StatusCode.NotFound,
            () => client.GetCoverageAsync(new GetCoverageRequest { Symbols = { "600000.SH", "600009.SH" }, FromDate = "2025-06-06", ToDate = "2025-06-06" }).ResponseAsync,
            "600009.SH");
    }
}
