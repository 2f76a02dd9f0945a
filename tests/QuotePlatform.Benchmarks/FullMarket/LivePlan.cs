using QuotePlatform.Benchmarks.FullMarket.Verification;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// What a live run replays and watches: the recording of the window and the ingest's spool, the
/// offline engine's bars for the same pushes, the (period, frame)s the data closes during the run
/// with their bar counts, the instrument the quote probe reads, and how memory is sampled.
/// </summary>
public sealed record LivePlan(
    TimeSpan Duration,
    string Recording,
    string SpoolDirectory,
    ExpectedBars Expected,
    IReadOnlyDictionary<(int Period, long Frame), int> LiveFrames,
    string ProbeSymbol,
    TimeSpan WarmUp,
    TimeSpan RssInterval);
