using System.Globalization;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Control;

/// <summary>
/// Removes a consumer from its group without losing what it held: XGROUP DELCONSUMER alone would
/// forget its pending entries (delivered, never acknowledged). They are first claimed for the most
/// recently active other consumer of the group, marked long idle so that consumer's next idle
/// claim (XAUTOCLAIM) processes them at once.
/// </summary>
public sealed class ConsumerHandOff(IConnectionMultiplexer redis)
{
    private const int Page = 1000;

    // Idle time given to moved entries: past any sensible ClaimMinIdle, so they are claimable now.
    private static readonly long MovedIdleMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    private IDatabase Db => redis.GetDatabase();

    /// <param name="dropPending">Where no other consumer exists, delete anyway (its entries stop being pending) instead of keeping it.</param>
    public async Task<HandOffResult> RemoveAsync(IEnumerable<string> streams, string group, string consumer, bool dropPending)
    {
        var removed = 0;
        long moved = 0, kept = 0, dropped = 0;
        var movedTo = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            StreamConsumerInfo[] consumers;
            try
            {
                consumers = await Db.StreamConsumerInfoAsync(stream, group);
            }
            catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
            {
                // The group (or the stream) does not exist here: nothing to remove.
                continue;
            }

            var me = consumers.FirstOrDefault(c => c.Name == consumer);
            if (me.Name is null)
            {
                continue;
            }

            if (me.PendingMessageCount > 0)
            {
                var target = consumers.Where(c => c.Name != consumer).OrderBy(c => c.IdleTimeInMilliseconds).FirstOrDefault();
                if (target.Name is not null)
                {
                    moved += await MoveAsync(stream, group, consumer, target.Name);
                    movedTo.Add(target.Name);
                }
                else if (!dropPending)
                {
                    kept += me.PendingMessageCount;
                    continue;
                }
            }

            dropped += await Db.StreamDeleteConsumerAsync(stream, group, consumer);
            removed++;
        }

        return new HandOffResult(removed, moved, kept, dropped, [.. movedTo]);
    }

    private async Task<long> MoveAsync(string stream, string group, string from, string to)
    {
        long moved = 0;
        while (true)
        {
            var pending = await Db.StreamPendingMessagesAsync(stream, group, Page, from);
            if (pending.Length == 0)
            {
                return moved;
            }

            var arguments = new List<object> { stream, group, to, 0 };
            arguments.AddRange(pending.Select(p => (object)p.MessageId.ToString()));
            arguments.AddRange(["IDLE", MovedIdleMs.ToString(CultureInfo.InvariantCulture), "JUSTID"]);
            await Db.ExecuteAsync("XCLAIM", arguments);
            moved += pending.Length;
        }
    }
}
