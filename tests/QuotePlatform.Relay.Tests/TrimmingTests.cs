using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Streams.Trimming;
using StackExchange.Redis;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class TrimmingTests
{
    private readonly IDatabase _redis = SharedRedis.Database;
    private readonly string _key = RelayHost.NewPrefix() + ":{bars:00}:final";

    private static StreamTrimmer Trimmer() => new(SharedRedis.Database.Multiplexer, TimeProvider.System);

    private async Task<List<string>> FillAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await _redis.StreamAddAsync(_key, "n", i))!);
        }

        return ids;
    }

    private async Task<List<string>> IdsAsync() => [.. (await _redis.StreamRangeAsync(_key)).Select(e => (string)e.Id!)];

    [Fact]
    public async Task TrimAsync_NoGroup_KeepsNewestMaxEntries()
    {
        var ids = await FillAsync(300);

        var result = await Trimmer().TrimAsync(_key, new StreamTrimPolicy(MaxEntries: 100));

        Assert.Equal(200, result.Removed);
        Assert.Equal(100, result.Length);
        Assert.Null(result.OldestNeededBy);
        Assert.Equal(ids[200..], await IdsAsync());
    }

    [Fact]
    public async Task TrimAsync_GroupBehindWithPending_KeepsEveryUnreadAndPendingEntry()
    {
        var ids = await FillAsync(1000);
        await _redis.StreamCreateConsumerGroupAsync(_key, "writer", StreamPosition.Beginning);
        var read = await _redis.StreamReadGroupAsync(_key, "writer", "c1", ">", count: 600);
        // 0..449 acknowledged, 450..599 read but pending, 600..999 unread.
        await _redis.StreamAcknowledgeAsync(_key, "writer", [.. read.Take(450).Select(e => e.Id)]);

        var result = await Trimmer().TrimAsync(_key, new StreamTrimPolicy(MaxEntries: 10));

        var left = await IdsAsync();
        Assert.Equal("writer", result.OldestNeededBy);
        Assert.Equal(left.Count, result.Length);
        Assert.True(result.Removed > 0, "acknowledged entries beyond the limit are trimmed");
        Assert.True(result.Removed <= 450, $"removed {result.Removed}: more than the acknowledged entries");
        Assert.Equal(ids[450..], left[^550..]);
    }

    [Fact]
    public async Task TrimAsync_TwoGroups_SlowerGroupHoldsTrimmingBack()
    {
        var ids = await FillAsync(500);
        await _redis.StreamCreateConsumerGroupAsync(_key, "fast", StreamPosition.Beginning);
        await _redis.StreamCreateConsumerGroupAsync(_key, "slow", StreamPosition.Beginning);
        var fast = await _redis.StreamReadGroupAsync(_key, "fast", "c", ">", count: 500);
        await _redis.StreamAcknowledgeAsync(_key, "fast", [.. fast.Select(e => e.Id)]);
        var slow = await _redis.StreamReadGroupAsync(_key, "slow", "c", ">", count: 250);
        await _redis.StreamAcknowledgeAsync(_key, "slow", [.. slow.Select(e => e.Id)]);

        var result = await Trimmer().TrimAsync(_key, new StreamTrimPolicy(MaxEntries: 1, MaxAge: TimeSpan.Zero));

        Assert.Equal("slow", result.OldestNeededBy);
        // The age limit is exact: everything the slow group acknowledged goes, nothing it has not read.
        Assert.Equal(ids[250..], await IdsAsync());
    }

    [Fact]
    public async Task TrimAsync_OlderThanMaxAge_RemovedNewerKept()
    {
        var old = DateTimeOffset.FromUnixTimeMilliseconds(0).AddDays(1).ToUnixTimeMilliseconds();
        await _redis.StreamAddAsync(_key, "n", 1, messageId: $"{old}-0");
        await _redis.StreamAddAsync(_key, "n", 2, messageId: $"{old}-1");
        var fresh = await FillAsync(3);

        var result = await Trimmer().TrimAsync(_key, new StreamTrimPolicy(MaxEntries: 1000, MaxAge: TimeSpan.FromMinutes(5)));

        Assert.Equal(2, result.Removed);
        Assert.Equal(fresh, await IdsAsync());
    }
}
