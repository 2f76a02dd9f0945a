using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;
using QuotePlatform.Testing;

namespace QuotePlatform.Query.Tests.LiveTests;

public sealed class LiveResumeTests
{
    private static readonly string[] Symbols = ["600000.SH", "600001.SH", "000001.SZ", "300750.SZ", "688981.SH"];

    [Fact]
    public async Task Subscribe_ReconnectAfterPartialAck_RedeliversUnackedThenNewWithoutGapOrDuplicate()
    {
        await using var host = new LiveHost();
        var subscription = new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "quant-1", Symbols = { Symbols } };
        var before = new List<(int Shard, string Id)>();
        List<BarDelivery> first;
        await using (var client = await host.SubscribeAsync(subscription))
        {
            for (var minute = 0; minute < 4; minute++)
            {
                before.AddRange(await host.PublishAsync(TestBars.Minute(minute, Symbols)));
            }

            first = await client.TakeBarsAsync(before.Count);
            await client.AckAsync(first.Take(3));
            await Poll.UntilAsync(async () => await LivePending.OfConsumerAsync(host, "live:quant-1", "quant-1") == before.Count - 3, TimeSpan.FromSeconds(30), "3 acks applied");
        }

        // Written while the client was away.
        var during = new List<(int Shard, string Id)>();
        for (var minute = 4; minute < 6; minute++)
        {
            during.AddRange(await host.PublishAsync(TestBars.Minute(minute, Symbols)));
        }

        await using var again = await host.SubscribeAsync(subscription);
        Assert.Equal((uint)(before.Count - 3), again.Subscribed.Redelivering);
        var redelivered = await again.TakeBarsAsync(before.Count - 3);
        var fresh = await again.TakeBarsAsync(during.Count);

        Assert.All(redelivered, d => Assert.True(d.Redelivered));
        Assert.Equal(first.Skip(3).Select(d => (d.Shard, d.EntryId)).Order(), redelivered.Select(d => (d.Shard, d.EntryId)).Order());
        Assert.Equal(first.Skip(3).Select(d => d.Bars.Count).Sum(), redelivered.Sum(d => d.Bars.Count));
        Assert.All(fresh, d => Assert.False(d.Redelivered));
        Assert.Equal(during.Select(w => w.Id).Order(), fresh.Select(d => d.EntryId).Order());
        await again.AckAsync(redelivered.Concat(fresh));
        Assert.Empty(await again.DrainBarsAsync(TimeSpan.FromSeconds(1)));
        await Poll.UntilAsync(async () => await LivePending.OfGroupAsync(host, "live:quant-1") == 0, TimeSpan.FromSeconds(30), "everything acknowledged");
    }

    [Fact]
    public async Task Subscribe_StartIdZero_DeliversEntriesWrittenBeforeTheGroupExisted()
    {
        await using var host = new LiveHost();
        var earlier = await host.PublishAsync(TestBars.Minute(0, Symbols));

        await using var fromNow = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "from-now" });
        await using var fromOldest = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "from-oldest", StartId = "0" });
        var later = await host.PublishAsync(TestBars.Minute(1, Symbols));

        var all = await fromOldest.TakeBarsAsync(earlier.Count + later.Count);
        Assert.Equal(earlier.Concat(later).Select(w => w.Id).Order(), all.Select(d => d.EntryId).Order());
        var onlyLater = await fromNow.TakeBarsAsync(later.Count);
        Assert.Equal(later.Select(w => w.Id).Order(), onlyLater.Select(d => d.EntryId).Order());
        Assert.Empty(await fromNow.DrainBarsAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Subscribe_MaxUnackedReached_PausesUntilAcked()
    {
        await using var host = new LiveHost();
        await using var client = await host.SubscribeAsync(new Subscription
        {
            Mode = SubscriptionMode.Broadcast, Consumer = "slow", Symbols = { Symbols[0] }, MaxUnacked = 2,
        });
        for (var minute = 0; minute < 5; minute++)
        {
            await host.PublishAsync([TestBars.Final(Symbols[0], minute)]);
        }

        var held = await client.TakeBarsAsync(2);
        Assert.Empty(await client.DrainBarsAsync(TimeSpan.FromSeconds(1)));

        await client.AckAsync(held);
        var next = await client.TakeBarsAsync(2);
        Assert.DoesNotContain(next, d => held.Any(h => h.EntryId == d.EntryId));
    }

    [Fact]
    public async Task Subscribe_Deadline_EndsWithDeadlineExceeded()
    {
        await using var host = new LiveHost();
        // The host starts with its first call: not inside the deadline.
        await (await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "warm-up" })).DisposeAsync();
        var client = await host.SubscribeAsync(
            new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "short-lived" },
            TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(5));

        var ended = await client.EndedAsync();

        // The server ends the call at its deadline: over a network the client reads DEADLINE_EXCEEDED;
        // over the in-memory test server the server's reset of the stream (HTTP/2 CANCEL, code 8) can
        // arrive before the client's own deadline timer fires, and the client reports that instead.
        var serverReset = ended.StatusCode == StatusCode.Unavailable && ended.Detail.Contains("error code 8", StringComparison.Ordinal);
        Assert.True(ended.StatusCode == StatusCode.DeadlineExceeded || serverReset, ended.ToString());
        await client.DisposeAsync();
    }
}
