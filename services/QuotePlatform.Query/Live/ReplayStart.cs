using System.Globalization;
using StackExchange.Redis;
using QuotePlatform.Streams;

namespace QuotePlatform.Query.Live;

/// <summary>
/// Where a watch's catch-up starts reading a final stream so that, together with one ClickHouse
/// read made afterwards, no final bar is missed: after the last entry that every service group
/// (the storage writer's; live groups aside) has finished with. The writer acknowledges an entry
/// only once ClickHouse holds its bars, so every entry up to there is in the read, and everything
/// later is replayed from the stream. Entries that cannot hold a bar after the client's frame
/// (added before it, less the producers' clock skew) are skipped.
/// </summary>
public static class ReplayStart
{
    private static readonly (ulong Ms, ulong Seq) Origin = (0, 0);

    /// <summary>Per stream, the entry id after which to read (exclusive, as XREAD takes it).</summary>
    public static async Task<RedisValue[]> PositionsAsync(IDatabase db, IReadOnlyList<string> streams, long afterFrameUnixMs, TimeSpan clockSkew)
    {
        var floorMs = afterFrameUnixMs - (long)clockSkew.TotalMilliseconds;
        var floor = floorMs > 0 ? ((ulong)floorMs - 1, ulong.MaxValue) : Origin;
        var positions = await Task.WhenAll(streams.Select(stream => FinishedUpToAsync(db, stream)));
        return [.. positions.Select(p => (RedisValue)Format(Max(p, floor)))];
    }

    /// <summary>The last entry every service group of the stream is done with; the origin when there is none.</summary>
    private static async Task<(ulong Ms, ulong Seq)> FinishedUpToAsync(IDatabase db, string stream)
    {
        StreamGroupInfo[] groups;
        try
        {
            groups = await db.StreamGroupInfoAsync(stream);
        }
        catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
        {
            return Origin;
        }

        (ulong, ulong)? done = null;
        foreach (var group in groups.Where(g => !LiveGroupNames.IsLive(g.Name)))
        {
            var upTo = Parse(group.LastDeliveredId);
            if (group.PendingMessageCount > 0)
            {
                var pending = await db.StreamPendingAsync(stream, group.Name);
                upTo = Before(Parse(pending.LowestPendingMessageId));
            }

            done = done is { } d ? Min(d, upTo) : upTo;
        }

        return done ?? Origin;
    }

    private static (ulong Ms, ulong Seq) Parse(RedisValue id)
    {
        var text = (string?)id;
        if (string.IsNullOrEmpty(text))
        {
            return Origin;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (ulong.Parse(text, CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    private static (ulong Ms, ulong Seq) Before((ulong Ms, ulong Seq) id) =>
        id.Seq > 0 ? (id.Ms, id.Seq - 1) : id.Ms > 0 ? (id.Ms - 1, ulong.MaxValue) : Origin;

    private static (ulong Ms, ulong Seq) Min((ulong Ms, ulong Seq) a, (ulong Ms, ulong Seq) b) => a.CompareTo(b) <= 0 ? a : b;

    private static (ulong Ms, ulong Seq) Max((ulong Ms, ulong Seq) a, (ulong Ms, ulong Seq) b) => a.CompareTo(b) >= 0 ? a : b;

    private static string Format((ulong Ms, ulong Seq) id) => string.Create(CultureInfo.InvariantCulture, $"{id.Ms}-{id.Seq}");
}
