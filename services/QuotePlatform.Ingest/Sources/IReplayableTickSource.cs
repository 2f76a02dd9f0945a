namespace QuotePlatform.Ingest.Sources;

/// <summary>
/// A source that delivers the same pushes every time it runs (a recorded file). The pipeline then
/// closes bars by the data's own clock and, after a restart, skips what the spool already holds.
/// </summary>
public interface IReplayableTickSource : ITickSource
{
    /// <summary>Identifies the input (never 0): a resume point applies only to the same input.</summary>
    ulong InputHash { get; }
}
