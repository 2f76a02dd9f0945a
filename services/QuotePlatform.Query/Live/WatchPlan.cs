using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Query.Live;

/// <summary>A validated WatchSymbol request.</summary>
/// <param name="Live">What to read, as a live subscription reads it (no group: its names only label the logs).</param>
/// <param name="AfterFrameUnixMs">Final bars after this frame are caught up first; 0: none.</param>
public sealed record WatchPlan(LivePlan Live, BarPeriod Period, long AfterFrameUnixMs)
{
    public IReadOnlyCollection<string> Symbols => (IReadOnlyCollection<string>)Live.Symbols!;
}
