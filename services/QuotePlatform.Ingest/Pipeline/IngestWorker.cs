using System.Threading.Channels;
using Microsoft.Extensions.Options;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.Pipeline;

/// <summary>
/// Source → bounded push queue → engine stage → spool (the publisher takes it from there). A replay
/// that is consumed waits for every batch to be acknowledged, reports, and stops the process.
/// A failure the pipeline cannot recover from stops the process with exit code 1.
/// </summary>
public sealed class IngestWorker(
    ITickSource source,
    BatchSpool spool,
    IngestMetrics metrics,
    IngestReporter reporter,
    IOptions<IngestOptions> options,
    IOptions<BatchingOptions> batching,
    IOptions<RelayClientOptions> relay,
    IOptions<ReplayOptions> replay,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<IngestWorker> logger,
    MinuteBook? minuteBook = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.SpoolBytes = () => spool.UnackedBytes;
        metrics.SpoolBatches = () => spool.UnackedBatches;
        metrics.SpoolBackPressure = () => spool.BackPressureWaits;
        var replayable = source as IReplayableTickSource;
        var name = source.GetType().Name;
        if (replayable is not null && spool.Resume.SourceHash == replayable.InputHash)
        {
            PipelineLog.Resuming(logger, name, spool.Resume.Step, spool.Resume.Output);
        }
        else
        {
            PipelineLog.Started(logger, name);
        }

        var queue = Channel.CreateBounded<TickPush>(new BoundedChannelOptions(options.Value.PushQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var stage = new EngineStage(options.Value, batching.Value, relay.Value.ProducerId, spool, metrics, time, minuteBook);
        var engine = Task.Run(() => stage.RunAsync(queue.Reader, replayable?.InputHash ?? 0, replay.Value.Speed == 0, stoppingToken), stoppingToken);
        var sourceFailed = false;
        try
        {
            await Task.Run(() => source.RunAsync(queue.Writer, stoppingToken), stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            PipelineLog.SourceFailed(logger, ex);
            sourceFailed = true;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await engine;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            PipelineLog.EngineFailed(logger, ex);
            Stop(exitCode: 1);
            return;
        }

        if (sourceFailed)
        {
            Stop(exitCode: 1);
        }
        else if (replayable is null)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                PipelineLog.SourceEnded(logger, name);
            }
        }
        else if (replay.Value.ExitWhenDone && !stoppingToken.IsCancellationRequested)
        {
            PipelineLog.Draining(logger, spool.UnackedBatches);
            try
            {
                await spool.WaitDrainedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            reporter.Report();
            PipelineLog.ReplayComplete(logger);
            Stop(exitCode: 0);
        }
    }

    private void Stop(int exitCode)
    {
        if (exitCode != 0)
        {
            Environment.ExitCode = exitCode;
        }

        lifetime.StopApplication();
    }
}
