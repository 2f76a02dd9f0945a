using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Live;

public sealed class LiveOptions : ISectionOptions
{
    public static string Section => "Live";

    /// <summary>Entries asked per shard per XREADGROUP.</summary>
    [Range(1, 10_000)]
    public int ReadCount { get; set; } = 64;

    /// <summary>
    /// StackExchange.Redis cannot block on XREADGROUP. Instead of every subscription polling every
    /// shard, one monitor per process checks the lengths of the watched streams this often and
    /// wakes the subscriptions whose streams grew.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan ActivityPollInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Every subscription reads at least this often even without a wake-up (safety net).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Entries pending this long on another consumer of the group are taken over (XAUTOCLAIM).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClaimMinIdle { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a subscription checks for an administrator's "stop consumer" request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan StopCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When stopped, how long a subscription waits for the client to acknowledge what it was sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StopAckGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often latest quotes are checked for changes when a subscription asks for them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QuotePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Used when a subscription leaves max_unacked at 0.</summary>
    [Range(1, 100_000)]
    public int DefaultMaxUnacked { get; set; } = 1000;

    [Range(1, 100_000)]
    public int MaxSymbols { get; set; } = 10_000;

    /// <summary>Decoded entries kept for the other subscriptions reading the same entry (an entry is up to a shard's share of a batch).</summary>
    [Range(1, 100_000)]
    public int DecodedCacheEntries { get; set; } = 1024;

    /// <summary>How often a watch (WatchSymbol) checks its few symbols' quotes: this bounds quote-to-screen latency.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan WatchQuotePollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A watch that sent nothing for this long sends a heartbeat, so its client can tell a quiet market from a dead connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WatchHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 1000)]
    public int MaxWatchSymbols { get; set; } = 50;

    /// <summary>
    /// How far a producer's clock may run ahead of the relay's: a watch's catch-up replays the final
    /// streams from this long before the client's last frame (entry ids carry the relay's time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan WatchClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Final bars per message of a watch's catch-up.</summary>
    [Range(1, 100_000)]
    public int WatchCatchUpChunk { get; set; } = 2000;
}
