using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Quotes;

public sealed class GetQuotesTests : QueryServiceTest
{
    [Fact]
    public async Task GetQuotes_NoSymbol_AnswersPingAnBank()
    {
        var pingAn = TestData.Quote("000001.SZ", 11.23);
        await World.PutQuotesAsync(pingAn, TestData.Quote("600000.SH", 8.01));

        var response = await Host.CreateClient().GetQuotesAsync(new GetQuotesRequest());

        Assert.Equal(pingAn, Assert.Single(response.Quotes));
    }

    [Fact]
    public async Task GetQuotes_SymbolsOnSeveralShards_ExactQuotesInTheOrderAsked()
    {
        var quotes = new[] { "600000.SH", "000001.SZ", "430047.BJ", "300750.SZ", "688981.SH" }.Select((s, i) => TestData.Quote(s, 10 + i)).ToArray();
        await World.PutQuotesAsync(quotes);
        Assert.True(quotes.Select(q => World.Router.ShardOf(q.Symbol)).Distinct().Count() > 1, "the test symbols should span shards");

        var asked = new[] { "688981.SH", "000001.SZ", "430047.BJ", "600000.SH" };
        var response = await Host.CreateClient().GetQuotesAsync(new GetQuotesRequest { Symbols = { asked } });

        Assert.Equal(asked.Select(s => quotes.Single(q => q.Symbol == s)), response.Quotes);
    }

    [Fact]
    public async Task GetQuotes_QuoteReplacedByTheRelay_ReturnsTheNewOne()
    {
        await World.PutQuotesAsync(TestData.Quote("600000.SH", 8.01));
        var client = Host.CreateClient();
        await client.GetQuotesAsync(new GetQuotesRequest { Symbols = { "600000.SH" } });

        await World.PutQuotesAsync(TestData.Quote("600000.SH", 8.05, TestData.Day + 36_000_000 + 3000));
        var response = await client.GetQuotesAsync(new GetQuotesRequest { Symbols = { "600000.SH" } });

        Assert.Equal(8.05, Assert.Single(response.Quotes).LastPrice);
    }

    [Fact]
    public async Task GetQuotes_UnknownOrMalformed_NotFoundOrInvalidArgument()
    {
        await World.PutQuotesAsync(TestData.Quote("600000.SH", 8.01));
        var client = Host.CreateClient();

        var notFound = await RpcAssert.FailsAsync(
            StatusCode.NotFound, () => client.GetQuotesAsync(new GetQuotesRequest { Symbols = { "600000.SH", "600999.SH" } }).ResponseAsync, "600999.SH");
        Assert.DoesNotContain("600000.SH", notFound.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.GetQuotesAsync(new GetQuotesRequest()).ResponseAsync, "000001.SZ");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetQuotesAsync(new GetQuotesRequest { Symbols = { "600000.XX" } }).ResponseAsync, "exchange");
    }
}
