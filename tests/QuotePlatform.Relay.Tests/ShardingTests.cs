using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Streams;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class ShardingTests
{
    // Pinned values (FNV-1a computed independently): a change would move symbols to other streams on a running system.
    [Theory]
    [InlineData("600000.SH", 16, 4)]
    [InlineData("000001.SZ", 16, 5)]
    [InlineData("430047.BJ", 16, 5)]
    [InlineData("688981.SH", 64, 28)]
    public void ShardOf_KnownSymbol_PinnedShard(string symbol, int shardCount, int expected)
    {
        Assert.Equal(expected, new ShardRouter(shardCount).ShardOf(symbol));
    }

    [Fact]
    public void ShardOf_ManySymbols_SameShardFromSeparateRoutersAndSpreadOverAll()
    {
        var symbols = Enumerable.Range(0, 5000).Select(TestBars.Symbol).ToList();

        var first = symbols.Select(new ShardRouter(16).ShardOf).ToList();
        var second = symbols.Select(new ShardRouter(16).ShardOf).ToList();

        Assert.Equal(first, second);
        var perShard = first.GroupBy(shard => shard).Select(g => g.Count()).ToList();
        Assert.Equal(16, perShard.Count);
        Assert.All(perShard, count => Assert.InRange(count, 5000 / 16 / 2, 5000 / 16 * 2));
    }

    [Fact]
    public void StreamKeys_ShardKeys_ShareOneHashTagPerShard()
    {
        var keys = new StreamKeys("qp");

        Assert.Equal("qp:{bars:07}:final", keys.Bars(7));
        Assert.Equal("qp:{bars:07}:forming", keys.FormingBars(7));
        Assert.Equal("qp:{bars:07}:quotes", keys.LatestQuotes(7));
    }
}
