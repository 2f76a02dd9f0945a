using Grpc.Core;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;
using QuotePlatform.Testing;

namespace QuotePlatform.Query.Tests.AdminTests;

public sealed class AdminConsumerTests
{
    private const string Symbol = "600000.SH";

    [Fact]
    public async Task ListConsumerGroups_LiveSubscribers_ShowKindPendingLagAndStatus()
    {
        await using var host = new LiveHost();
        await using var broadcast = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "b1", Symbols = { Symbol } });
        await using var member = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Shard, Group = "desk", Consumer = "c1", Symbols = { Symbol }, MaxUnacked = 1 });
        for (var minute = 0; minute < 3; minute++)
        {
            await host.PublishAsync([TestBars.Final(Symbol, minute)]);
        }

        await broadcast.TakeBarsAsync(3);
        await member.TakeBarsAsync(1);
        var admin = host.Admin();
        ListConsumerGroupsResponse list = new();
        await Poll.UntilAsync(async () =>
        {
            list = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), LiveHost.AdminHeaders);
            return list.Groups.Any(g => g.Name == "live:desk" && g.Lag == 2);
        }, TimeSpan.FromSeconds(30), "the shard group shows 2 entries not yet delivered");

        var b1 = Assert.Single(list.Groups, g => g.Name == "live:b1");
        Assert.Equal(("live-broadcast", 3ul, 0ul, 3ul), (b1.Kind, b1.Pending, b1.Lag, b1.Delivered));
        var consumer = Assert.Single(b1.Consumers);
        Assert.Equal(("b1", 3ul, ConsumerStatus.Active), (consumer.Name, consumer.Pending, consumer.Status));
        var desk = Assert.Single(list.Groups, g => g.Name == "live:desk");
        Assert.Equal(("live-shard", 1ul, 1u), (desk.Kind, desk.Pending, desk.Streams));
    }

    [Fact]
    public async Task StopConsumer_LiveSubscriberWithPeer_EndsItsCallAndPeerGetsItsUnackedEntry()
    {
        await using var host = new LiveHost();
        Subscription Member(string consumer) => new() { Mode = SubscriptionMode.Shard, Group = "desk", Consumer = consumer, Symbols = { Symbol }, MaxUnacked = 1 };
        await using var a = await host.SubscribeAsync(Member("a"));
        await using var b = await host.SubscribeAsync(Member("b"));
        await host.PublishAsync([TestBars.Final(Symbol, 0)]);
        await host.PublishAsync([TestBars.Final(Symbol, 1)]);
        var firsts = await Task.WhenAll(a.NextBarsAsync(), b.NextBarsAsync());
        await b.AckAsync([firsts[1]]);

        var stop = await host.Admin().StopConsumerAsync(new StopConsumerRequest { Group = "live:desk", Consumer = "a" }, LiveHost.AdminHeaders);

        Assert.True(stop.Requested);
        var ended = await a.EndedAsync();
        Assert.Equal(StatusCode.FailedPrecondition, ended.StatusCode);
        Assert.Contains("stopped by an administrator", ended.Detail, StringComparison.Ordinal);
        var handed = await b.NextBarsAsync();
        Assert.Equal((firsts[0].EntryId, true), (handed.EntryId, handed.Redelivered));
        var list = await host.Admin().ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), LiveHost.AdminHeaders);
        Assert.Equal(["b"], Assert.Single(list.Groups, g => g.Name == "live:desk").Consumers.Select(c => c.Name));
        Assert.False(await LiveHost.Redis.HashExistsAsync(host.Keys.ConsumerStopRequests("live:desk"), "a"));
    }

    [Fact]
    public async Task DeleteConsumer_PendingAndNoPeer_RefusedUnlessDropPending()
    {
        await using var host = new LiveHost();
        await using (var client = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "gone", Symbols = { Symbol } }))
        {
            await host.PublishAsync([TestBars.Final(Symbol, 0)]);
            await client.NextBarsAsync();
        }

        var admin = host.Admin();
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await admin.DeleteConsumerAsync(
            new DeleteConsumerRequest { Group = "live:gone", Consumer = "gone" }, LiveHost.AdminHeaders));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("drop_pending", refused.Status.Detail, StringComparison.Ordinal);

        var deleted = await admin.DeleteConsumerAsync(new DeleteConsumerRequest { Group = "live:gone", Consumer = "gone", DropPending = true }, LiveHost.AdminHeaders);

        Assert.Equal(1ul, deleted.PendingDropped);
        var list = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), LiveHost.AdminHeaders);
        Assert.Empty(Assert.Single(list.Groups, g => g.Name == "live:gone").Consumers);
    }

    [Fact]
    public async Task DeleteConsumer_Unknown_NotFoundAndStopUnknownNotRequested()
    {
        await using var host = new LiveHost();
        var admin = host.Admin();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await admin.DeleteConsumerAsync(
            new DeleteConsumerRequest { Group = "storage-writer", Consumer = "nobody" }, LiveHost.AdminHeaders));
        var stop = await admin.StopConsumerAsync(new StopConsumerRequest { Group = "storage-writer", Consumer = "nobody" }, LiveHost.AdminHeaders);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.False(stop.Requested);
    }

    [Fact]
    public async Task DeleteConsumerGroup_AbandonedBroadcastGroup_RemovedFromEveryShard()
    {
        await using var host = new LiveHost();
        await using (await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "tab-1" }))
        {
        }

        var admin = host.Admin();
        var deleted = await admin.DeleteConsumerGroupAsync(new DeleteConsumerGroupRequest { Group = "live:tab-1" }, LiveHost.AdminHeaders);
        var list = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), LiveHost.AdminHeaders);

        Assert.Equal((uint)LiveHost.ShardCount, deleted.Streams);
        Assert.DoesNotContain(list.Groups, g => g.Name == "live:tab-1");
    }
}
