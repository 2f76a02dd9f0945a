using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;
using QuotePlatform.Testing;

namespace QuotePlatform.Query.Tests.LiveTests;

public sealed class LiveModeTests
{
    private static readonly string[] Market = [.. Enumerable.Range(0, 20).Select(i => $"{600000 + i}.SH")];

    [Fact]
    public async Task Subscribe_BroadcastTwoClients_EachGetsEveryBar()
    {
        await using var host = new LiveHost();
        await using var a = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "a" });
        await using var b = await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "b" });
        var written = await PublishMinutesAsync(host, 3);

        foreach (var client in new[] { a, b })
        {
            var deliveries = await client.TakeBarsAsync(written.Count);
            Assert.Equal(written.Select(w => w.Id).Order(), deliveries.Select(d => d.EntryId).Order());
            Assert.Equal(Market.Length * 3, deliveries.Sum(d => d.Bars.Count));
            Assert.All(deliveries, d => Assert.False(d.Redelivered));
        }

        Assert.Equal("live:a", a.Subscribed.Group);
        Assert.Equal(LiveHost.ShardCount, a.Subscribed.Shards.Count);
    }

    [Fact]
    public async Task Subscribe_ShardTwoClientsOneGroup_SplitEntriesWithoutOverlap()
    {
        await using var host = new LiveHost();
        // One symbol (one shard) and one unacknowledged entry each: neither can take the other's share.
        Subscription Member(string consumer) => new() { Mode = SubscriptionMode.Shard, Group = "desk", Consumer = consumer, Symbols = { Market[0] }, MaxUnacked = 1 };
        await using var a = await host.SubscribeAsync(Member("a"));
        await using var b = await host.SubscribeAsync(Member("b"));
        var written = new List<(int Shard, string Id)>();
        for (var minute = 0; minute < 6; minute++)
        {
            written.AddRange(await host.PublishAsync([TestBars.Final(Market[0], minute)]));
        }

        var firsts = await Task.WhenAll(a.NextBarsAsync(), b.NextBarsAsync());
        await a.AckAsync([firsts[0]]);
        await b.AckAsync([firsts[1]]);
        var rest = await ReceiveAllAsync(written.Count - 2, a, b);

        var ids = firsts.Select(f => f.EntryId).Concat(rest.Select(r => r.Delivery.EntryId)).ToList();
        Assert.Equal(written.Select(w => w.Id).Order(), ids.Order());
        Assert.NotEqual(firsts[0].EntryId, firsts[1].EntryId);
    }

    [Fact]
    public async Task Subscribe_HybridTwoGroupsOfTwo_EachGroupGetsEverythingOnce()
    {
        await using var host = new LiveHost();
        var groups = new List<LiveClient[]>();
        foreach (var group in new[] { "risk", "signals" })
        {
            groups.Add([
                await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Hybrid, Group = group, Consumer = "c1" }),
                await host.SubscribeAsync(new Subscription { Mode = SubscriptionMode.Hybrid, Group = group, Consumer = "c2" }),
            ]);
        }

        var written = await PublishMinutesAsync(host, 8);

        foreach (var members in groups)
        {
            var received = await ReceiveAllAsync(written.Count, members);
            Assert.Equal(written.Select(w => w.Id).Order(), received.Select(r => r.Delivery.EntryId).Order());
        }

        foreach (var client in groups.SelectMany(g => g))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Subscribe_SymbolsAndPeriods_DeliversOnlyMatchingBarsFromTheirShards()
    {
        await using var host = new LiveHost();
        string[] wanted = [Market[0], Market[7]];
        await using var client = await host.SubscribeAsync(new Subscription
        {
            Mode = SubscriptionMode.Broadcast,
            Consumer = "picky",
            Symbols = { wanted },
            Periods = { Period._5M },
        });
        var expectedShards = wanted.Select(host.Router.ShardOf).Distinct().Order().Select(s => (uint)s);
        Assert.Equal(expectedShards, client.Subscribed.Shards);

        var bars = Market.SelectMany(s => new[] { TestBars.Final(s, 4, Period._1M), TestBars.Final(s, 4, Period._5M) }).ToList();
        await host.PublishAsync(bars);

        var got = new List<Bar>();
        while (got.Count < wanted.Length)
        {
            var delivery = await client.NextBarsAsync();
            got.AddRange(delivery.Bars);
            await client.AckAsync([delivery]);
        }

        Assert.Equal(wanted.Order(), got.Select(b => b.Symbol).Order());
        Assert.All(got, b => Assert.Equal(Period._5M, b.Period));
        Assert.Empty(await client.DrainBarsAsync(TimeSpan.FromSeconds(1)));
        // Entries with nothing for the client were acknowledged for it: nothing stays pending.
        await Poll.UntilAsync(async () => await LivePending.OfGroupAsync(host, "live:picky") == 0, TimeSpan.FromSeconds(30), "no entry pending for the group");
    }

    private static async Task<List<(int Shard, string Id)>> PublishMinutesAsync(LiveHost host, int minutes)
    {
        var written = new List<(int, string)>();
        for (var minute = 0; minute < minutes; minute++)
        {
            written.AddRange(await host.PublishAsync(TestBars.Minute(minute, Market)));
        }

        return written;
    }

    /// <summary>Reads from every client until together they received the count, acking as they go.</summary>
    private static async Task<List<(LiveClient Client, BarDelivery Delivery)>> ReceiveAllAsync(int count, params LiveClient[] clients)
    {
        var received = new List<(LiveClient, BarDelivery)>();
        var pending = clients.ToDictionary(c => c, c => c.NextBarsAsync());
        while (received.Count < count)
        {
            var done = await Task.WhenAny(pending.Values);
            var client = pending.First(p => p.Value == done).Key;
            var delivery = await done;
            received.Add((client, delivery));
            await client.AckAsync([delivery]);
            pending[client] = client.NextBarsAsync();
        }

        return received;
    }
}
