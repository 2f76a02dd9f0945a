using System.Threading.Channels;

namespace QuotePlatform.Ingest.Sources;

/// <summary>
/// Where whole-quote snapshots come from (QMT through pythonnet, or a recorded file). A source hands
/// each push to the writer as it arrives and does nothing else on the thread that delivered it.
/// </summary>
public interface ITickSource
{
    /// <summary>
    /// Delivers pushes until cancelled, or until the source has nothing more (a replayed file is
    /// consumed), then returns. Throws only for a failure it cannot recover from.
    /// </summary>
    Task RunAsync(ChannelWriter<TickPush> pushes, CancellationToken cancellationToken);
}
