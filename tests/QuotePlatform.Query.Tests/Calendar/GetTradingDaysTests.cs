using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Calendar;

/// <summary>GetTradingDays over 2025's National Day holiday (closed 10-01 to 10-08) and Dragon Boat Festival (closed 06-02).</summary>
public sealed class GetTradingDaysTests : QueryServiceTest
{
    private static readonly DateOnly[] NationalDay = [.. Enumerable.Range(1, 8).Select(day => new DateOnly(2025, 10, day))];

    [Fact]
    public async Task GetTradingDays_NoCalendarStored_EveryWeekdayTradingAndAssumed()
    {
        var response = await Host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-09-29", ToDate = "2025-10-10" });

        string[] weekdays = ["2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-10-10"];
        Assert.Equal(weekdays, response.TradingDates);
        Assert.Equal(weekdays, response.AssumedDates);
    }

    [Fact]
    public async Task GetTradingDays_NationalDayStored_HolidaysLeftOutNothingAssumed()
    {
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31), NationalDay);

        var response = await Host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { Market = "SH", FromDate = "2025-09-29", ToDate = "2025-10-10" });

        Assert.Equal(["2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10"], response.TradingDates);
        Assert.Empty(response.AssumedDates);
    }

    [Fact]
    public async Task GetTradingDays_CalendarEndsInsideTheRange_WeekdaysAfterItAssumed()
    {
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 8), NationalDay);

        var response = await Host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-09-29", ToDate = "2025-10-14" });

        Assert.Equal(["2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-13", "2025-10-14"], response.TradingDates);
        Assert.Equal(["2025-10-09", "2025-10-10", "2025-10-13", "2025-10-14"], response.AssumedDates);
    }

    [Fact]
    public async Task GetTradingDays_Markets_EmptyIsShAndSzFollowsItsOwnCalendarElseShs()
    {
        // SH closes 06-02 over all of June; SZ's own calendar (made different to tell them apart) covers only 06-01..06-03.
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 5));
        await World.StoreCalendarAsync("SZ", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 3));
        var client = Host.CreateClient();

        var unnamed = await client.GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-02", ToDate = "2025-06-06" });
        var sh = await client.GetTradingDaysAsync(new GetTradingDaysRequest { Market = "sh", FromDate = "2025-06-02", ToDate = "2025-06-06" });
        var sz = await client.GetTradingDaysAsync(new GetTradingDaysRequest { Market = "SZ", FromDate = "2025-06-02", ToDate = "2025-06-06" });

        Assert.Equal(["2025-06-03", "2025-06-04", "2025-06-06"], unnamed.TradingDates);
        Assert.Equal(unnamed.TradingDates, sh.TradingDates);
        Assert.Equal(["2025-06-02", "2025-06-04", "2025-06-06"], sz.TradingDates);
        Assert.Empty(sz.AssumedDates);
    }

    [Fact]
    public async Task GetTradingDays_LaterCalendarForTheSameDates_Wins()
    {
        await World.StoreCalendarAsync("SH", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 7));
        await new Storage.Calendar.TradingCalendarStore(World.ClickHouse).InsertAsync(
            [new Storage.Calendar.CalendarDay("SH", new DateOnly(2025, 6, 2), Trading: false)], version: 2, CancellationToken.None);

        var response = await Host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-02", ToDate = "2025-06-03" });

        Assert.Equal(["2025-06-03"], response.TradingDates);
    }

    [Fact]
    public async Task GetTradingDays_BadRequests_InvalidArgumentSayingWhatToGive()
    {
        var client = Host.CreateClient();

        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetTradingDaysAsync(new GetTradingDaysRequest { Market = "BJ", FromDate = "2025-06-02", ToDate = "2025-06-06" }).ResponseAsync,
            "market 'BJ'", "SH or SZ");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-6-2", ToDate = "2025-06-06" }).ResponseAsync,
            "from_date '2025-6-2'", "YYYY-MM-DD");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-02" }).ResponseAsync,
            "to_date ''");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-06", ToDate = "2025-06-02" }).ResponseAsync,
            "before");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-01-01", ToDate = "2026-01-02" }).ResponseAsync,
            "more than 366 days");
    }

    [Fact]
    public async Task GetTradingDays_FullYear_Answered()
    {
        var response = await Host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2024-01-01", ToDate = "2024-12-31" });

        Assert.Equal(262, response.TradingDates.Count);
    }

    [Fact]
    public async Task GetTradingDays_ClickHouseDown_UnavailableNamingClickHouse()
    {
        await using var down = new QueryHost(World, new Dictionary<string, string> { ["ConnectionStrings:clickhouse"] = $"http://127.0.0.1:{LoopbackPort.Free()}" });

        await RpcAssert.FailsAsync(
            StatusCode.Unavailable,
            () => down.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-02", ToDate = "2025-06-06" }).ResponseAsync,
            "ClickHouse");
    }

    [Fact]
    public async Task GetTradingDays_CalendarTableMissing_UnavailableSayingHowToCreateIt()
    {
        await using var empty = await QueryWorld.CreateAsync(migrate: false);
        await using var host = new QueryHost(empty);

        await RpcAssert.FailsAsync(
            StatusCode.Unavailable,
            () => host.CreateClient().GetTradingDaysAsync(new GetTradingDaysRequest { FromDate = "2025-06-02", ToDate = "2025-06-06" }).ResponseAsync,
            "trading_calendar", "quote migrate");
    }
}
