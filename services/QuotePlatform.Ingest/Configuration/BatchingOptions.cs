using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Configuration;

/// <summary>
/// When a batch is closed: at MaxItems bars and quotes, or MaxDelay after its first item, whichever
/// comes first. Why these defaults: docs/operating.md "Ingest", batching.
/// </summary>
public sealed class BatchingOptions : ISectionOptions
{
    public static string Section => "Ingest:Batching";

    /// <summary>
    /// 8,000 items: a minute's full-market close (~5,200 final 1m bars) is one batch, a push's
    /// quotes and forming bars (~1,700 each) too, and the message stays near 1 MB, well inside the
    /// relay's 4 MB gRPC limit even with five-level order books on every quote.
    /// </summary>
    [Range(1, 20_000)]
    public int MaxItems { get; set; } = 8_000;

    /// <summary>
    /// 20 ms: the end of a push (whatever did not fill a batch) waits this long, and the latest
    /// quotes are the last thing clients should wait for; 20 ms still gathers a flurry of small
    /// per-stock callbacks (the QMT fallback) into at most 50 batches a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A replay at full speed (Ingest:Replay:Speed 0) sends the latest quote per symbol and forming
    /// bar per symbol and period at most this often (wall time), coalesced across batches; final bars
    /// are not held. 1 s: a fast replay's day takes well under a minute, far more pushes than anyone
    /// can watch, and sending each (~45 M items a day) costs the relay and Redis most of their work.
    /// 0 sends them with every batch, as live sources and paced replays always do.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReplayLatestInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Every accepted tick also goes to the tick archive (ClickHouse table ticks, docs/ticks.md), in
    /// the same batches as the bars and with the same guarantees. About 25 M ticks a full-market day.
    /// </summary>
    public bool ArchiveTicks { get; set; } = true;
}
