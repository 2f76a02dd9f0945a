using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

public sealed class BatchGetBarsTests : QueryServiceTest
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string> { ["Query:MaxBatchBars"] = "400" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        await World.StoreAsync(TestData.Day1m("000001.SZ"));
        await World.StoreAsync(TestData.Day1m("430047.BJ")[..10]);
    }

    private static BatchGetBarsRequest Request(params string[] symbols) => new()
    {
        Symbols = { symbols },
        Period = Period._1M,
        FromUnixMs = TestData.MinuteFrame(0),
        ToUnixMs = TestData.MinuteFrame(100),
    };

    [Fact]
    public async Task BatchGetBars_ThreeSymbols_OneSeriesEachInTheOrderAsked()
    {
        var response = await Host.CreateClient().BatchGetBarsAsync(Request("600000.SH", "430047.BJ", "000001.SZ"));

        Assert.Equal(["600000.SH", "430047.BJ", "000001.SZ"], response.Series.Select(s => s.Symbol));
        Assert.Equal(TestData.Day1m("600000.SH")[..100], response.Series[0].Bars);
        Assert.Equal(TestData.Day1m("430047.BJ")[..10], response.Series[1].Bars);
        Assert.Equal(100, response.Series[2].Bars.Count);
    }

    [Fact]
    public async Task BatchGetBars_MoreBarsThanTheLimit_InvalidArgumentStatesTheLimit()
    {
        var request = Request("600000.SH", "000001.SZ", "430047.BJ");
        request.ToUnixMs = TestData.Day + 86_400_000;

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Host.CreateClient().BatchGetBarsAsync(request).ResponseAsync, "400 bars");
    }

    [Fact]
    public async Task BatchGetBars_OneUnknownSymbol_NotFoundNamesOnlyIt()
    {
        var ex = await RpcAssert.FailsAsync(
            StatusCode.NotFound, () => Host.CreateClient().BatchGetBarsAsync(Request("600000.SH", "600999.SH")).ResponseAsync, "600999.SH");
        Assert.DoesNotContain("600000.SH", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchGetBars_BadSymbolLists_InvalidArgument()
    {
        var client = Host.CreateClient();

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.BatchGetBarsAsync(Request()).ResponseAsync, "at least one");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.BatchGetBarsAsync(Request("600000.SH", "600000.SH")).ResponseAsync, "twice");
        await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            () => client.BatchGetBarsAsync(Request([.. Enumerable.Range(0, 501).Select(i => $"{600000 + i}.SH")])).ResponseAsync,
            "501", "at most 500");
    }

    [Fact]
    public async Task BatchGetBars_500Symbols_AnsweredInChunksInTheOrderAsked()
    {
        var symbols = Enumerable.Range(0, 500).Select(i => $"{300000 + ((i * 7919) % 1000):D6}.SZ").Distinct().ToList();
        await World.StoreAsync(symbols.Select(s => TestData.Minute(s, 3)));

        await using var host = new QueryHost(World);
        var response = await host.CreateClient().BatchGetBarsAsync(Request([.. symbols]));

        Assert.Equal(symbols, response.Series.Select(s => s.Symbol));
        Assert.All(response.Series, s => Assert.Equal(TestData.MinuteFrame(3), Assert.Single(s.Bars).FrameUnixMs));
    }
}
