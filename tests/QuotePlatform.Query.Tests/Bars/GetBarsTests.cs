using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

public sealed class GetBarsTests : IAsyncLifetime
{
    private QueryWorld _world = null!;
    private QueryHost _host = null!;

    public async Task InitializeAsync()
    {
        _world = await QueryWorld.CreateAsync();
        _host = new QueryHost(_world);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _world.DisposeAsync();
    }

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
        await _world.StoreAsync(stored);
        await _world.StoreAsync(TestData.Day1m("600001.SH"));

        var response = await _host.CreateClient().GetBarsAsync(DayRequest("600000.SH"));

        Assert.Equal(stored, response.Bars);
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task GetBars_BarDeliveredTwice_ReturnsItOnceWithTheNewerVersion()
    {
        var first = TestData.Minute("600000.SH", 5);
        var corrected = first.Clone();
        corrected.Close = 10.33;
        await _world.StoreAsync([first], version: 1);
        await _world.StoreAsync([corrected], version: 2);
        await _world.StoreAsync([first], version: 1);

        var response = await _host.CreateClient().GetBarsAsync(DayRequest("600000.SH"));

        Assert.Equal(corrected, Assert.Single(response.Bars));
    }

    [Fact]
    public async Task GetBars_PageSize100_ThreePagesCoverTheDayWithoutOverlap()
    {
        await _world.StoreAsync(TestData.Day1m("000001.SZ"));
        var client = _host.CreateClient();
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
        await _world.StoreAsync(TestData.Day1m("600000.SH"));
        await _world.StoreAsync(TestData.Day1m("600001.SH"));
        var client = _host.CreateClient();
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

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _host.CreateClient().GetBarsAsync(request).ResponseAsync, "1m", "31 days");
    }

    [Fact]
    public async Task GetBars_BadArguments_InvalidArgumentNamesTheField()
    {
        var client = _host.CreateClient();

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
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _host.CreateClient().GetBarsAsync(DayRequest("688999.SH")).ResponseAsync, "688999.SH");
    }

    [Fact]
    public async Task GetBars_KnownSymbolOutsideItsBars_ReturnsEmpty()
    {
        await _world.StoreAsync(TestData.Day1m("600000.SH"));
        var request = DayRequest("600000.SH");
        request.FromUnixMs += 3 * 86_400_000L;
        request.ToUnixMs += 3 * 86_400_000L;

        var response = await _host.CreateClient().GetBarsAsync(request);

        Assert.Empty(response.Bars);
    }

    [Fact]
    public async Task GetBars_QuotedSymbolWithoutBars_ReturnsEmptyNotNotFound()
    {
        await _world.PutQuotesAsync(TestData.Quote("301001.SZ", 12.5));

        var response = await _host.CreateClient().GetBarsAsync(DayRequest("301001.SZ"));

        Assert.Empty(response.Bars);
    }
}
