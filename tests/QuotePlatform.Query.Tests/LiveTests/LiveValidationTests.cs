using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;

namespace QuotePlatform.Query.Tests.LiveTests;

public sealed class LiveValidationTests
{
    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { "mode", "subscribe.mode" },
        { "consumer", "subscribe.consumer is required" },
        { "group", "subscribe.group is required" },
        { "name", "subscribe.consumer \"a b\" is not allowed" },
        { "symbol", "\"600000\" is not a symbol" },
        { "period", "subscribe.periods" },
        { "start", "subscribe.start_id \"yesterday\"" },
        { "unacked", "subscribe.max_unacked" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Subscribe_BadSubscription_InvalidArgumentNamingTheField(string fault, string message)
    {
        await using var host = new LiveHost();
        var subscription = new Subscription { Mode = SubscriptionMode.Shard, Group = "g", Consumer = "c" };
        switch (fault)
        {
            case "mode": subscription.Mode = SubscriptionMode.Unspecified; break;
            case "consumer": subscription.Consumer = ""; break;
            case "group": subscription.Group = ""; break;
            case "name": subscription.Consumer = "a b"; break;
            case "symbol": subscription.Symbols.Add("600000"); break;
            case "period": subscription.Periods.Add(Period.Unspecified); break;
            case "start": subscription.StartId = "yesterday"; break;
            case "unacked": subscription.MaxUnacked = 1_000_000; break;
        }

        var error = await LiveClient.RefusedAsync(host.Live(), new SubscribeRequest { Subscribe = subscription });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_AckBeforeSubscribe_InvalidArgument()
    {
        await using var host = new LiveHost();
        var error = await LiveClient.RefusedAsync(host.Live(), new SubscribeRequest { Ack = new Ack() });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("first request must carry subscribe", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99u, "0-1", "shard 99 is not read")]
    [InlineData(0u, "latest", "\"latest\" is not a stream entry id")]
    public async Task Subscribe_BadAck_EndsWithInvalidArgument(uint shard, string entryId, string message)
    {
        await using var host = new LiveHost();
        await using var client = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "sloppy" });

        await client.SendAsync(new SubscribeRequest { Ack = new Ack { Deliveries = { new DeliveryRef { Shard = shard, EntryId = entryId } } } });

        var status = await client.EndedAsync();
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains(message, status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_SecondSubscribe_InvalidArgument()
    {
        await using var host = new LiveHost();
        await using var client = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "twice" });

        await client.SendAsync(new SubscribeRequest { Subscribe = new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "twice" } });

        var status = await client.EndedAsync();
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains("only the first request may subscribe", status.Detail, StringComparison.Ordinal);
    }
}
