using System.Diagnostics;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Leases;
using QuotePlatform.Relay.Telemetry;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Ingest;

/// <summary>One batch from request to answer: validate, split by shard, write, and say what happened.</summary>
public sealed class BatchPublisher(
    BatchPreparer preparer, StreamBatchWriter writer, FeedLeases leases, RelayMetrics metrics, TimeProvider time, ILogger<BatchPublisher> logger)
{
    /// <summary>Starts writing now; the task gives the answer once Redis confirmed (it never faults).</summary>
    public Task<PublishResponse> Start(string producer, PublishRequest request)
    {
        if (request.Sequence == 0)
        {
            return Task.FromResult(new PublishResponse
            {
                Status = BatchStatus.Failed,
                Error = "sequence 0 is not valid: number batches per producer from 1",
            });
        }

        if (request.Feed.Length > 0 && request.LeaseEpoch == 0)
        {
            return Task.FromResult(new PublishResponse
            {
                Sequence = request.Sequence,
                Status = BatchStatus.Fenced,
                Error = $"feed {request.Feed}: the batch carries no lease epoch; only the holder of the feed's lease publishes (ask with Lease first)",
            });
        }

        var batch = preparer.Prepare(request);
        var activity = RelayTelemetry.Source.StartActivity("relay.publish_batch");
        activity?.SetTag("qp.producer", producer);
        activity?.SetTag("qp.sequence", request.Sequence);
        var traceParent = (activity ?? Activity.Current)?.Id ?? "";
        var started = time.GetTimestamp();
        Task<BatchStatus> write;
        try
        {
            write = writer.WriteAsync(producer, batch, traceParent);
        }
        catch (Exception ex) when (IsWriteFailure(ex))
        {
            write = Task.FromException<BatchStatus>(ex);
        }

        return CompleteAsync(producer, batch, write, started, activity);
    }

    private async Task<PublishResponse> CompleteAsync(string producer, PreparedBatch batch, Task<BatchStatus> write, long started, Activity? activity)
    {
        var response = new PublishResponse { Sequence = batch.Sequence, Rejections = { batch.Rejections } };
        try
        {
            response.Status = await write;
            if (response.Status == BatchStatus.Fenced)
            {
                await RefuseAsync(producer, batch, response);
                return response;
            }

            if (response.Status == BatchStatus.Written && batch.Feed.Length > 0 && batch.CompleteThrough.Count > 0)
            {
                // Before the answer: once acknowledged, a standby taking over must know these bars are stored.
                await leases.MarkStoredAsync(batch.Feed, batch.CompleteThrough);
            }

            response.AcceptedBars = (uint)batch.AcceptedBars;
            response.AcceptedQuotes = (uint)batch.AcceptedQuotes;
            response.AcceptedCalendars = (uint)batch.Calendars.Count;
            response.AcceptedInstruments = (uint)batch.Instruments.Count;
            response.AcceptedTicks = (uint)batch.AcceptedTicks;
        }
        catch (Exception ex) when (IsWriteFailure(ex))
        {
            response.Status = BatchStatus.Failed;
            response.Error = $"Redis did not confirm the batch ({ex.GetType().Name}: {ex.Message}); keep it and resend";
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            RelayLog.BatchFailed(logger, producer, batch.Sequence, ex);
        }
        finally
        {
            activity?.Dispose();
        }

        metrics.RecordBatch(response, batch, time.GetElapsedTime(started));
        return response;
    }

    private async Task RefuseAsync(string producer, PreparedBatch batch, PublishResponse response)
    {
        var (epoch, holder) = await leases.CurrentAsync(batch.Feed);
        response.LeaseEpoch = epoch;
        response.Error = $"feed {batch.Feed}: lease epoch {batch.LeaseEpoch} is superseded by epoch {epoch} held by {holder}; "
            + "nothing of the batch was written: this ingest is the standby now and publishes nothing";
        response.Rejections.Clear();
        RelayLog.BatchFenced(logger, producer, batch.Sequence, batch.Feed, batch.LeaseEpoch, epoch, holder);
    }

    // ObjectDisposedException: the host is shutting down and has closed the Redis connection under
    // a batch still being read; the producer keeps the batch and resends it to a running relay.
    private static bool IsWriteFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;
}
