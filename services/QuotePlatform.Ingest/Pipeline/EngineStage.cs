using System.Threading.Channels;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.Pipeline;

/// <summary>
/// The one thread that drives the bar engine: pushes in, batches out to the spool. A live source's
/// bars are closed by the clock (TimeProvider), a replay's by the data's own watermark (Ingest:BarClock). A batch
/// closes when full or MaxDelay after its first item; appending waits while the spool is full,
/// which in turn holds the push queue, and so the source, back. A replay at full speed sends its
/// latest quotes and forming bars once per Ingest:Batching:ReplayLatestInterval instead (see <see cref="BatchBuilder"/>).
/// </summary>
public sealed class EngineStage(IngestOptions options, BatchingOptions batching, string producerId, BatchSpool spool, IngestMetrics metrics, TimeProvider time, MinuteBook? minuteBook = null)
{
    /// <summary>Runs until the queue is completed (the source is done) and the last batch is spooled.</summary>
    /// <param name="inputHash">0 for a live source; a replay's input hash (it resumes from the spool, and by default its bars close by the data).</param>
    /// <param name="unpaced">A replay as fast as it goes: nobody can watch every push, so latest values are coalesced across batches.</param>
    public async Task RunAsync(ChannelReader<TickPush> pushes, ulong inputHash, bool unpaced, CancellationToken cancellationToken)
    {
        var replay = inputHash != 0;
        var byData = options.BarClock == BarClock.Data || (options.BarClock == BarClock.Auto && replay);
        var periods = options.ParsedPeriods();
        var latestInterval = replay && unpaced ? batching.ReplayLatestInterval : TimeSpan.Zero;
        var builder = new BatchBuilder(periods, batching.MaxItems, producerId, time, replay ? spool.Resume : ResumePoint.None, latestInterval, batching.ArchiveTicks, options.Grace);
        var integrity = new MinuteIntegrity(new RollupAggregator(builder, periods));
        // With the QMT source, the final 1m bars are also kept for the after-close comparison with QMT.
        IBarSink head = minuteBook is null ? integrity : new MinuteBookSink(minuteBook, integrity);
        var engine = new BarSynthesizer(new SynthesisOptions { AuctionBar = options.AuctionBar, Grace = options.Grace, EmitForming = true }, head);
        metrics.TickVerdictCounts = () => Enum.GetValues<TickVerdict>().Select(v => (v, engine.Count(v)));
        metrics.Symbols = () => engine.SymbolCount;
        metrics.SymbolsWithMissingMinutes = () => integrity.SymbolsWithMissingMinutes;

        long step = 0;
        var watermark = long.MinValue;
        // The engine's clock as last advanced (the data's watermark, or the wall clock): archived with each tick.
        long clock = 0;
        Task<bool>? waiting = null;
        while (true)
        {
            while (pushes.TryRead(out var push))
            {
                builder.BeginStep(inputHash, step++);
                metrics.PushReceived(push.Ticks.Count);
                foreach (var (symbol, tick, book) in push.Ticks)
                {
                    var handle = engine.GetHandle(symbol);
                    if (byData && handle >= 0 && tick.TimeUnixMs > watermark)
                    {
                        // The whole market's latest tick time, advanced before each tick: however
                        // the ticks are split across pushes, the bars come out the same.
                        watermark = tick.TimeUnixMs;
                        clock = watermark;
                        engine.AdvanceWatermark(watermark);
                    }

                    if (engine.OnTick(handle, tick).IsAccepted())
                    {
                        builder.AddQuote(symbol, tick, book, push.ReceivedUnixMs, clock);
                    }
                }

                // Also between pushes: a source that is always ahead (a replay at full speed) never lets this loop end.
                builder.SealDue(batching.MaxDelay);
                await SpoolSealedAsync(builder, cancellationToken);
            }

            if (!byData)
            {
                clock = time.GetUtcNow().ToUnixTimeMilliseconds();
                engine.AdvanceWatermark(clock);
            }

            builder.SealDue(batching.MaxDelay);

            await SpoolSealedAsync(builder, cancellationToken);
            waiting ??= pushes.WaitToReadAsync(cancellationToken).AsTask();
            try
            {
                await WaitAsync(waiting, NextWake(builder, byData), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !replay)
            {
                // Stopping: what the live engine has batched goes to the spool if there is room
                // (a replay needs no such care: it resumes from the spool's resume point).
                builder.Seal();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                while (!spool.IsFull && builder.TryTake(out var last))
                {
                    await spool.AppendAsync(last.Request, last.Position, grace.Token);
                }

                throw;
            }
            if (waiting.IsCompleted)
            {
                if (!await waiting)
                {
                    break;
                }

                waiting = null;
            }
        }

        // The last push's batch goes first: at the end of a replay the flush closes the rest of the day.
        builder.Seal();
        await SpoolSealedAsync(builder, cancellationToken);
        builder.BeginStep(inputHash, step);
        engine.Flush();
        builder.Seal();
        await SpoolSealedAsync(builder, cancellationToken);
    }

    private TimeSpan? NextWake(BatchBuilder builder, bool byData)
    {
        TimeSpan? wake = byData ? null : options.ClockInterval;
        if (builder.DueIn(batching.MaxDelay) is { } due)
        {
            wake = wake is { } clock && clock < due ? clock : due;
        }

        return wake;
    }

    private async Task WaitAsync(Task<bool> waiting, TimeSpan? wake, CancellationToken cancellationToken)
    {
        if (waiting.IsCompleted)
        {
            return;
        }

        if (wake is not { } delay)
        {
            await waiting;
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(waiting, Task.Delay(delay, time, timer.Token));
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SpoolSealedAsync(BatchBuilder builder, CancellationToken cancellationToken)
    {
        while (builder.TryTake(out var batch))
        {
            metrics.BatchSealed(batch.FinalBars, batch.FormingBars, batch.Request.Bars.Count + batch.Request.Quotes.Count + batch.Request.Ticks.Count);
            await spool.AppendAsync(batch.Request, batch.Position, cancellationToken);
        }
    }
}
