using QuotePlatform.Testing.FullMarket.Verification;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// What a live run replays and watches: the recording of the window (from its first push to its
/// last), the ingest's spool and extra settings, the
/// offline engine's bars for the same pushes, the (period, frame)s the data closes during the run
/// with their bar counts, the instrument the quote probe reads, and how memory is sampled.
/// </summary>
public sealed record LivePlan(
    TimeSpan Window,
    string Recording,
    string SpoolDirectory,
    IReadOnlyDictionary<string, string> IngestSettings,
    ExpectedBars Expected,
    IReadOnlyDictionary<(int Period, long Frame), int> LiveFrames,
    string ProbeSymbol,
    TimeSpan WarmUp,
    TimeSpan RssInterval);
