using StackExchange.Redis;

namespace QuotePlatform.Query.Tests.LiveSupport;

internal static class LivePending
{
    /// <summary>Entries pending for the group over every shard stream it exists on.</summary>
    public static async Task<long> OfGroupAsync(LiveHost host, string group)
    {
        long total = 0;
        foreach (var stream in host.Streams)
        {
            var groups = await LiveHost.Redis.StreamGroupInfoAsync(stream).ContinueWith(
                t => t.IsFaulted ? [] : t.Result, TaskScheduler.Default);
            total += groups.Where(g => g.Name == group).Sum(g => g.PendingMessageCount);
        }

        return total;
    }

    /// <summary>Entries pending for one consumer of the group over every shard stream.</summary>
    public static async Task<long> OfConsumerAsync(LiveHost host, string group, string consumer)
    {
        long total = 0;
        foreach (var stream in host.Streams)
        {
            try
            {
                total += (await LiveHost.Redis.StreamConsumerInfoAsync(stream, group)).Where(c => c.Name == consumer).Sum(c => c.PendingMessageCount);
            }
            catch (RedisServerException)
            {
                // No such group on this shard.
            }
        }

        return total;
    }
}
