using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Ticks;

public sealed class GetTicksTests : QueryServiceTest
{
    private static GetTicksRequest DayRequest(string symbol, uint pageSize = 0) => new()
    {
        Symbol = symbol,
        FromUnixMs = TestData.Day,
        ToUnixMs = TestData.Day + 86_400_000,
        PageSize = pageSize,
    };

    [Fact]
    public async Task GetTicks_ArchivedDay_WholeDayInOnePageOldestFirstWithEveryField()
    {
        var stored = TestData.TickDay("600000.SH");
        await World.StoreTicksAsync(stored);
        await World.StoreTicksAsync(TestData.TickDay("600001.SH"));

        var response = await Host.CreateClient().GetTicksAsync(DayRequest("600000.SH"));

        Assert.Equal(4_800, response.Ticks.Count);
        Assert.Empty(response.NextPageToken);
        Assert.Equal(stored.Select(t => t.TimeUnixMs), response.Ticks.Select(t => t.TimeUnixMs));
        var (want, got) = (stored[1_234], response.Ticks[1_234]);
        Assert.Equal((want.Symbol, want.LastPrice, want.AmountCny, want.VolumeLots, want.PVolumeShares, want.TransactionNum, want.StockStatus),
            (got.Symbol, got.LastPrice, got.AmountCny, got.VolumeLots, got.PvolumeShares, got.TransactionNum, got.StockStatus));
        Assert.Equal(want.BidPrices, got.BidPrices);
        Assert.Equal(want.AskVolumesLots, got.AskVolumesLots);
        Assert.Equal((want.ReceivedUnixMs, want.ClockUnixMs), (got.ReceivedUnixMs, got.ClockUnixMs));
    }

    [Fact]
    public async Task GetTicks_DeliveredTwiceAndPaged_EachTickOnceAcrossPages()
    {
        var stored = TestData.TickDay("600000.SH");
        await World.StoreTicksAsync(stored);
        await World.StoreTicksAsync(stored[1_000..2_000]);
        var client = Host.CreateClient();
        var request = DayRequest("600000.SH", pageSize: 1_500);

        var times = new List<long>();
        var pages = 0;
        do
        {
            var page = await client.GetTicksAsync(request);
            times.AddRange(page.Ticks.Select(t => t.TimeUnixMs));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(4, pages);
        Assert.Equal(stored.Select(t => t.TimeUnixMs), times);
    }

    [Fact]
    public async Task GetTicks_RangeOverLimitOrTokenOfAnotherSymbol_InvalidArgument()
    {
        await World.StoreTicksAsync(TestData.TickDay("600000.SH"));
        var client = Host.CreateClient();
        var first = await client.GetTicksAsync(DayRequest("600000.SH", pageSize: 100));
        var tooLong = DayRequest("600000.SH");
        tooLong.ToUnixMs = tooLong.FromUnixMs + (32L * 86_400_000);
        var foreign = DayRequest("600001.SH", pageSize: 100);
        foreign.PageToken = first.NextPageToken;

        var range = await Assert.ThrowsAsync<RpcException>(() => client.GetTicksAsync(tooLong).ResponseAsync);
        var token = await Assert.ThrowsAsync<RpcException>(() => client.GetTicksAsync(foreign).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, range.StatusCode);
        Assert.Contains("31 days", range.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, token.StatusCode);
    }
}
