using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

public sealed class GetBarsTests : QueryServiceTest
{
    private static GetBarsRequest DayRequest(string symbol, uint pageSize = 0) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FromUnixMs = TestData.Day,
        ToUnixMs = TestData.Day + 86_400_000,
        PageSize = pageSize,
    };

    [Fact]
    public async Task GetBars_StoredDay_Returns240BarsInOrderWithStoredValues()
    {
        var stored = TestData.Day1m("600000.SH");
        await World.StoreAsync(stored);
        await World.StoreAsync(TestData.Day1m("600001.SH"));

        var response = await Host.CreateClient().GetBarsAsync(DayRequest("600000.SH"));

        Assert.Equal(stored, response.Bars);
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task GetBars_BarDeliveredTwice_ReturnsItOnceWithTheNewerVersion()
    {
        var first = TestData.Minute("600000.SH", 5);
        var corrected = first.Clone();
        corrected.Close = 10.33;
        await World.StoreAsync([first], version: 1);
        await World.StoreAsync([corrected], version: 2);
        await World.StoreAsync([first], version: 1);

        var response = await Host.CreateClient().GetBarsAsync(DayRequest("600000.SH"));

        Assert.Equal(corrected, Assert.Single(response.Bars));
    }

    [Fact]
    public async Task GetBars_PageSize100_ThreePagesCoverTheDayWithoutOverlap()
    {
        await World.StoreAsync(TestData.Day1m("000001.SZ"));
        var client = Host.CreateClient();
        var request = DayRequest("000001.SZ", pageSize: 100);
        var pages = new List<int>();
        var frames = new List<long>();
        do
        {
            var response = await client.GetBarsAsync(request);
            pages.Add(response.Bars.Count);
            frames.AddRange(response.Bars.Select(b => b.FrameUnixMs));
            request.PageToken = response.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal([100, 100, 40], pages);
        Assert.Equal(Enumerable.Range(0, 240).Select(n => TestData.MinuteFrame(n)), frames);
    }

    [Fact]
    public async Task GetBars_TokenOfAnotherSymbol_InvalidArgument()
    {
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        await World.StoreAsync(TestData.Day1m("600001.SH"));
        var client = Host.CreateClient();
        var first = await client.GetBarsAsync(DayRequest("600000.SH", pageSize: 10));

        var other = DayRequest("600001.SH", pageSize: 10);
        other.PageToken = first.NextPageToken;
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(other).ResponseAsync, "page_token");

        var garbage = DayRequest("600000.SH");
        garbage.PageToken = "not-a-token";
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(garbage).ResponseAsync, "page_token");
    }

    [Fact]
    public async Task GetBars_RangeOverTheLimit_InvalidArgumentStatesTheLimit()
    {
        var request = DayRequest("600000.SH");
        request.ToUnixMs = request.FromUnixMs + (40L * 86_400_000);

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Host.CreateClient().GetBarsAsync(request).ResponseAsync, "1m", "31 days");
    }

    [Fact]
    public async Task GetBars_BadArguments_InvalidArgumentNamesTheField()
    {
        var client = Host.CreateClient();

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(DayRequest("600000.SH", pageSize: 10_001)).ResponseAsync, "page_size", "10000");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(DayRequest("600000")).ResponseAsync, "symbol", "600000.SH");
        var noPeriod = DayRequest("600000.SH");
        noPeriod.Period = Period.Unspecified;
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(noPeriod).ResponseAsync, "period");
        var reversed = DayRequest("600000.SH");
        (reversed.FromUnixMs, reversed.ToUnixMs) = (reversed.ToUnixMs, reversed.FromUnixMs);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetBarsAsync(reversed).ResponseAsync, "before");
    }

    [Fact]
    public async Task GetBars_UnknownSymbol_NotFoundNamesIt()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Host.CreateClient().GetBarsAsync(DayRequest("688999.SH")).ResponseAsync, "688999.SH");
    }

    [Fact]
    public async Task GetBars_KnownSymbolOutsideItsBars_ReturnsEmpty()
    {
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        var request = DayRequest("600000.SH");
        request.FromUnixMs += 3 * 86_400_000L;
        request.ToUnixMs += 3 * 86_400_000L;

        var response = await Host.CreateClient().GetBarsAsync(request);

        Assert.Empty(response.Bars);
    }

    [Fact]
    public async Task GetBars_QuotedSymbolWithoutBars_ReturnsEmptyNotNotFound()
    {
        await World.PutQuotesAsync(TestData.Quote("301001.SZ", 12.5));

        var response = await Host.CreateClient().GetBarsAsync(DayRequest("301001.SZ"));

        Assert.Empty(response.Bars);
    }
}
