using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Symbols;

public sealed class ListSymbolsTests : QueryServiceTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await World.StoreAsync([TestData.Minute("600000.SH", 0), TestData.Minute("600010.SH", 0), TestData.Minute("000001.SZ", 0)]);
        await World.PutQuotesAsync(TestData.Quote("000001.SZ", 11.2), TestData.Quote("600036.SH", 40.1));
    }

    [Fact]
    public async Task ListSymbols_NoPrefix_EveryStoredOrQuotedSymbolOrderedWithWhereItsDataIs()
    {
        var response = await Host.CreateClient().ListSymbolsAsync(new ListSymbolsRequest());

        Assert.Equal(
            [("000001.SZ", "SZ", true, true), ("600000.SH", "SH", true, false), ("600010.SH", "SH", true, false), ("600036.SH", "SH", false, true)],
            response.Symbols.Select(s => (s.Symbol, s.Exchange, s.HasBars, s.HasQuote)));
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task ListSymbols_PrefixInAnyCase_OnlyMatchingSymbols()
    {
        var client = Host.CreateClient();

        var byDigits = await client.ListSymbolsAsync(new ListSymbolsRequest { Prefix = "6000" });
        var byCode = await client.ListSymbolsAsync(new ListSymbolsRequest { Prefix = "000001.sz" });

        Assert.Equal(["600000.SH", "600010.SH", "600036.SH"], byDigits.Symbols.Select(s => s.Symbol));
        Assert.Equal("000001.SZ", Assert.Single(byCode.Symbols).Symbol);
    }

    [Fact]
    public async Task ListSymbols_PageSizeTwo_TwoPagesWithoutOverlap()
    {
        var client = Host.CreateClient();

        var first = await client.ListSymbolsAsync(new ListSymbolsRequest { PageSize = 2 });
        var second = await client.ListSymbolsAsync(new ListSymbolsRequest { PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["000001.SZ", "600000.SH"], first.Symbols.Select(s => s.Symbol));
        Assert.Equal(["600010.SH", "600036.SH"], second.Symbols.Select(s => s.Symbol));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task ListSymbols_BadPrefixOrPageSize_InvalidArgument()
    {
        var client = Host.CreateClient();

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.ListSymbolsAsync(new ListSymbolsRequest { Prefix = "60'; DROP" }).ResponseAsync, "prefix");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.ListSymbolsAsync(new ListSymbolsRequest { PageSize = 10_001 }).ResponseAsync, "10000");
    }
}
