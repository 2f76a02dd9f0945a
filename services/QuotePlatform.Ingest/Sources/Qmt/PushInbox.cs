using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Recording;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>
/// Between xtquant's thread and the pipeline: callbacks only enqueue here; a pump records (when
/// asked) and forwards to the pipeline's channel. A full queue is counted and waited out, with the
/// GIL released so xtquant's other work goes on; nothing is dropped.
/// </summary>
internal sealed class PushInbox(int capacity, QmtSourceStatistics statistics, ILogger logger)
{
    private readonly Channel<TickPush> _queue = Channel.CreateBounded<TickPush>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Called on xtquant's thread with the GIL held.</summary>
    public void Enqueue(TickPush push, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(push))
        {
            return;
        }

        statistics.OnInboxFull();
        QmtLog.QueueFull(logger, "source queue", statistics.InboxFull);
        var state = PythonEngine.BeginAllowThreads();
        try
        {
            _queue.Writer.WriteAsync(push, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping: the push goes nowhere anyway.
        }
        catch (ChannelClosedException)
        {
            // Stopping.
        }
        finally
        {
            PythonEngine.EndAllowThreads(state);
        }
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
