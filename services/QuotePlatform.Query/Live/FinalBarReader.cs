using System.Text.RegularExpressions;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>The subscription's place in its consumer group on each shard stream it reads.</summary>
public sealed partial class FinalBarReader(LivePlan plan, LiveContext context)
{
    private readonly Dictionary<string, RedisValue> _claimCursors = new(StringComparer.Ordinal);

    // XREADGROUP inside a script (never blocking there) so that only the ids cross the network.
    private const string ReadIdsScript = """
        local reply = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
        local ids = {}
        if reply then
          for i, entry in ipairs(reply[1][2]) do ids[i] = entry[1] end
        end
        return ids
        """;

    private IDatabase Db => context.Redis.GetDatabase();

    public static bool IsEntryId(string id) => EntryId().IsMatch(id);

    /// <summary>Creates the group where it does not exist yet, at the plan's start id; records the mode for the admin API.</summary>
    public async Task EnsureGroupsAsync(IReadOnlyList<string> streams)
    {
        foreach (var stream in streams)
        {
            try
            {
                await Db.StreamCreateConsumerGroupAsync(stream, plan.Group, plan.StartId, createStream: true);
            }
            catch (RedisServerException ex) when (RedisErrors.IsGroupExists(ex))
            {
                // It exists: it continues where it is.
            }
        }

        await Db.HashSetAsync(context.Keys.LiveGroupModes, plan.Group, plan.Mode.ToString());
    }

    public async Task<long> OwnPendingCountAsync(IReadOnlyList<string> streams)
    {
        var infos = await Task.WhenAll(streams.Select(stream => Db.StreamPendingAsync(stream, plan.Group)));
        return infos.Sum(info => info.Consumers?.FirstOrDefault(c => c.Name == plan.Consumer).PendingMessageCount ?? 0);
    }

    /// <summary>What this consumer was sent before and never acknowledged, oldest first, shard by shard.</summary>
    public async Task ReadOwnPendingAsync(IReadOnlyList<string> streams, EntryHandler handler, CancellationToken cancellationToken)
    {
        for (var i = 0; i < streams.Count; i++)
        {
            RedisValue after = "0-0";
            while (true)
            {
                var page = await Db.StreamReadGroupAsync(streams[i], plan.Group, plan.Consumer, after, context.Options.ReadCount);
                if (page.Length == 0)
                {
                    break;
                }

                await HandleAsync(plan.Shards[i], streams[i], page, redelivered: true, handler, cancellationToken);
                after = page[^1].Id;
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> entries per shard never delivered to the group (XREADGROUP &gt;),
    /// every shard in one pipelined round. The script returns the ids only: the payloads come from
    /// <see cref="DecodedEntryCache"/>, fetched once per process however many groups read them.
    /// </summary>
    public async Task<int> ReadNewAsync(IReadOnlyList<string> streams, int count, EntryHandler handler, CancellationToken cancellationToken)
    {
        var replies = await Task.WhenAll(streams.Select(stream =>
            Db.ScriptEvaluateAsync(ReadIdsScript, [stream], [plan.Group, plan.Consumer, count])));
        var got = 0;
        for (var i = 0; i < streams.Count; i++)
        {
            var ids = ((string?[]?)replies[i] ?? []).OfType<string>().ToArray();
            got += ids.Length;
            var nothingForClient = new List<RedisValue>();
            foreach (var id in ids)
            {
                BarStreamEntry? entry;
                try
                {
                    entry = await context.Decoded.GetAsync(streams[i], id);
                }
                catch (FormatException ex)
                {
                    LiveLog.BadEntry(context.Logger, streams[i], id, ex);
                    entry = null;
                }

                if (entry is null || !await handler(plan.Shards[i], id, entry, false, cancellationToken))
                {
                    nothingForClient.Add(id);
                }
            }

            if (nothingForClient.Count > 0)
            {
                await Db.StreamAcknowledgeAsync(streams[i], plan.Group, [.. nothingForClient]);
            }
        }

        return got;
    }

    /// <summary>
    /// Takes over entries pending longer than ClaimMinIdle (a peer that went away, or entries an
    /// administrator moved here), walking each shard's pending list over calls.
    /// </summary>
    public async Task<int> ClaimIdleAsync(
        IReadOnlyList<string> streams, EntryHandler handler, Func<int, string, bool> outstanding, CancellationToken cancellationToken)
    {
        var idleMs = (long)context.Options.ClaimMinIdle.TotalMilliseconds;
        var results = await Task.WhenAll(streams.Select(stream =>
            Db.StreamAutoClaimAsync(stream, plan.Group, plan.Consumer, idleMs, _claimCursors.GetValueOrDefault(stream, "0-0"), context.Options.ReadCount)));
        var got = 0;
        for (var i = 0; i < streams.Count; i++)
        {
            _claimCursors[streams[i]] = results[i].NextStartId;
            var shard = plan.Shards[i];
            // Entries this session sent and still awaits an ack for are not sent twice.
            var claimed = results[i].ClaimedEntries.Where(e => !outstanding(shard, e.Id!)).ToArray();
            got += claimed.Length;
            await HandleAsync(shard, streams[i], claimed, redelivered: true, handler, cancellationToken);
        }

        return got;
    }

    private async Task HandleAsync(int shard, string stream, StreamEntry[] entries, bool redelivered, EntryHandler handler, CancellationToken cancellationToken)
    {
        var nothingForClient = new List<RedisValue>();
        foreach (var raw in entries)
        {
            var id = (string)raw.Id!;
            if (raw.Values is null || raw.Values.Length == 0)
            {
                // Trimmed away while pending: nothing left to deliver.
                nothingForClient.Add(raw.Id);
                continue;
            }

            BarStreamEntry entry;
            try
            {
                entry = context.Decoded.Get(stream, raw);
            }
            catch (FormatException ex)
            {
                LiveLog.BadEntry(context.Logger, stream, id, ex);
                nothingForClient.Add(raw.Id);
                continue;
            }

            if (!await handler(shard, id, entry, redelivered, cancellationToken))
            {
                nothingForClient.Add(raw.Id);
            }
        }

        if (nothingForClient.Count > 0)
        {
            await Db.StreamAcknowledgeAsync(stream, plan.Group, [.. nothingForClient]);
        }
    }

    [GeneratedRegex("^[0-9]{1,19}-[0-9]{1,19}$")]
    private static partial Regex EntryId();
}
