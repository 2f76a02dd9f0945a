using Grpc.Core;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;

namespace QuotePlatform.Query.Tests.Access;

public sealed class ReadKeyTests
{
    private const string Symbol = "600000.SH";
    private const string DeskKey = "test-read-key-desk-0123456789";
    private const string ResearchKey = "test-read-key-research-0123456789";

    private static readonly Dictionary<string, string?> TwoReaders = new()
    {
        ["Query:ReadApiKeys:0:Name"] = "desk",
        ["Query:ReadApiKeys:0:Key"] = DeskKey,
        ["Query:ReadApiKeys:1:Name"] = "research",
        ["Query:ReadApiKeys:1:Key"] = ResearchKey,
    };

    private static Metadata Key(string key) => new() { { "x-api-key", key } };

    [Fact]
    public async Task GetQuotes_KeysConfiguredNoKey_Unauthenticated()
    {
        await using var host = new LiveHost(TwoReaders);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-api-key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQuotes_WrongKeyOrAdminKey_PermissionDenied()
    {
        await using var host = new LiveHost(TwoReaders);

        foreach (var key in new[] { "not-a-read-key-at-all-0123", LiveHost.AdminKey })
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }, Key(key)));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            Assert.Contains("Query:ReadApiKeys", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetQuotes_EitherNamedKey_Answers()
    {
        await using var host = new LiveHost(TwoReaders);
        await host.SetQuoteAsync(new Quote { Symbol = Symbol, TimeUnixMs = 1_749_173_400_000, LastPrice = 10.5 });

        foreach (var key in new[] { DeskKey, ResearchKey })
        {
            var answer = await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }, Key(key));
            Assert.Equal(10.5, Assert.Single(answer.Quotes).LastPrice);
        }
    }

    [Fact]
    public async Task Subscribe_KeysConfigured_RefusedWithoutKeyDeliveredWithIt()
    {
        await using var host = new LiveHost(TwoReaders);
        var subscription = new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "k1", Symbols = { Symbol } };

        var refused = await LiveClient.RefusedAsync(host.Live(), new SubscribeRequest { Subscribe = subscription });
        await using var client = await LiveClient.StartAsync(host.Live(), subscription, headers: Key(DeskKey));
        await host.PublishAsync([TestBars.Final(Symbol, 0)]);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(Symbol, Assert.Single((await client.NextBarsAsync()).Bars).Symbol);
    }

    [Fact]
    public async Task WatchSymbol_KeysConfiguredNoKey_Unauthenticated()
    {
        await using var host = new LiveHost(TwoReaders);
        using var call = new WatchService.WatchServiceClient(host.Channel).WatchSymbol(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ListConsumerGroups_ReadKeyOnly_AdminKeyStillNeeded()
    {
        await using var host = new LiveHost(TwoReaders);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Admin().ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), Key(DeskKey)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-admin-key", error.Status.Detail, StringComparison.Ordinal);
    }
}
