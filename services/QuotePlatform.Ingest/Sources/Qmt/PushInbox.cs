using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using QuotePlatform.Ingest.Sources.Qmt.Recording;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>
/// Between xtquant's thread and the pipeline: callbacks only enqueue here; a pump records (when
/// asked) and forwards to the pipeline's channel. A full queue is counted and waited out by
/// xtquant's thread in Python, GIL released, so nothing is dropped.
/// </summary>
internal sealed class PushInbox(int capacity, QmtSourceStatistics statistics, ILogger logger)
{
    private readonly Channel<TickPush> _queue = Channel.CreateBounded<TickPush>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Called on xtquant's thread with the GIL held. False when the queue is full: the bridge then
    /// waits in Python (GIL released) and offers the push again; each wait is counted once.
    /// </summary>
    public bool TryEnqueue(TickPush push, bool retry, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(push) || cancellationToken.IsCancellationRequested)
        {
            return true; // queued, or stopping (the push would go nowhere)
        }

        if (!retry)
        {
            statistics.OnInboxFull();
            QmtLog.QueueFull(logger, "source queue", statistics.InboxFull);
        }

        return false;
    }

    /// <summary>For pushes made off xtquant's thread (backfill, polling): no GIL held.</summary>
    public ValueTask EnqueueAsync(TickPush push, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(push, cancellationToken);

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Forwards until <see cref="Complete"/> (everything queued is forwarded) or cancellation.</summary>
    public async Task PumpAsync(ChannelWriter<TickPush> pushes, PushRecorder? recorder, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var push in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                recorder?.Write(push);
                if (!pushes.TryWrite(push))
                {
                    statistics.OnChannelFull();
                    QmtLog.QueueFull(logger, "pipeline channel", statistics.ChannelFull);
                    await pushes.WriteAsync(push, cancellationToken);
                }
            }
        }
        finally
        {
            recorder?.Flush();
        }
    }
}
