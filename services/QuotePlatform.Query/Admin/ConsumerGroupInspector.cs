using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Query.Live;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Control;
using QuotePlatform.Streams.Hosting;
using StackExchange.Redis;

namespace QuotePlatform.Query.Admin;

/// <summary>
/// Consumer groups of the final-bar streams, one row per group across every shard stream it
/// exists on (XINFO GROUPS / CONSUMERS per shard, summed), with the consumers' stop requests.
/// </summary>
public sealed class ConsumerGroupInspector(
    IConnectionMultiplexer redis, StreamKeys keys, IOptions<RedisStreamsOptions> streams, ConsumerStopRequests stopRequests)
{
    /// <summary>A consumer that has not read for this long is shown as idle rather than active.</summary>
    public static readonly TimeSpan ActiveWithin = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Streams { get; } = [.. Enumerable.Range(0, streams.Value.ShardCount).Select(keys.Bars)];

    private IDatabase Db => redis.GetDatabase();

    public async Task<List<ConsumerGroup>> ListAsync()
    {
        var infos = await Task.WhenAll(Streams.Select(GroupsOfAsync));
        var modes = (await Db.HashGetAllAsync(keys.LiveGroupModes)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
        var groups = new SortedDictionary<string, ConsumerGroup>(StringComparer.Ordinal);
        var consumers = new Dictionary<(string Group, string Consumer), Consumer>();
        var perStream = new List<Task<(string Group, StreamConsumerInfo[] Consumers)>>();
        for (var i = 0; i < Streams.Count; i++)
        {
            foreach (var info in infos[i])
            {
                if (!groups.TryGetValue(info.Name, out var group))
                {
                    groups[info.Name] = group = new ConsumerGroup { Name = info.Name, Kind = KindOf(info.Name, modes) };
                }

                group.Streams++;
                group.Pending += (ulong)Math.Max(info.PendingMessageCount, 0);
                group.Lag += (ulong)Math.Max(info.Lag ?? 0, 0);
                group.Delivered += (ulong)Math.Max(info.EntriesRead ?? 0, 0);
                var stream = Streams[i];
                var name = info.Name;
                perStream.Add(ConsumersOfAsync(stream, name));
            }
        }

        foreach (var (groupName, members) in await Task.WhenAll(perStream))
        {
            foreach (var member in members)
            {
                if (!consumers.TryGetValue((groupName, member.Name), out var consumer))
                {
                    consumers[(groupName, member.Name)] = consumer = new Consumer { Name = member.Name, IdleMs = long.MaxValue };
                }

                consumer.Pending += (ulong)member.PendingMessageCount;
                consumer.IdleMs = Math.Min(consumer.IdleMs, member.IdleTimeInMilliseconds);
            }
        }

        foreach (var group in groups.Values)
        {
            var stopping = await stopRequests.PendingAsync(group.Name);
            group.Consumers.AddRange(consumers.Where(c => c.Key.Group == group.Name).Select(c => c.Value).OrderBy(c => c.Name, StringComparer.Ordinal));
            foreach (var consumer in group.Consumers)
            {
                consumer.Status = stopping.Contains(consumer.Name) ? ConsumerStatus.Stopping
                    : consumer.IdleMs < ActiveWithin.TotalMilliseconds ? ConsumerStatus.Active
                    : ConsumerStatus.Idle;
            }
        }

        return [.. groups.Values];
    }

    /// <summary>Whether the consumer exists in the group on any shard stream.</summary>
    public async Task<bool> HasConsumerAsync(string group, string consumer)
    {
        foreach (var stream in Streams)
        {
            try
            {
                if ((await Db.StreamConsumerInfoAsync(stream, group)).Any(c => c.Name == consumer))
                {
                    return true;
                }
            }
            catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
            {
            }
        }

        return false;
    }

    private async Task<(string Group, StreamConsumerInfo[] Consumers)> ConsumersOfAsync(string stream, string group)
    {
        try
        {
            return (group, await Db.StreamConsumerInfoAsync(stream, group));
        }
        catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
        {
            // Removed between the two reads.
            return (group, []);
        }
    }

    private async Task<StreamGroupInfo[]> GroupsOfAsync(string stream)
    {
        try
        {
            return await Db.StreamGroupInfoAsync(stream);
        }
        catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
        {
            return [];
        }
    }

    private static string KindOf(string group, Dictionary<string, string> modes) =>
        !LiveGroupNames.IsLive(group) ? "service"
        : modes.GetValueOrDefault(group) switch
        {
            "Broadcast" => "live-broadcast",
            "Shard" => "live-shard",
            "Hybrid" => "live-hybrid",
            _ => "live",
        };
}
