using System.Diagnostics;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Telemetry;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Ingest;

/// <summary>One batch from request to answer: validate, split by shard, write, and say what happened.</summary>
public sealed class BatchPublisher(BatchPreparer preparer, StreamBatchWriter writer, RelayMetrics metrics, TimeProvider time, ILogger<BatchPublisher> logger)
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

    // ObjectDisposedException: the host is shutting down and has closed the Redis connection under
    // a batch still being read; the producer keeps the batch and resends it to a running relay.
    private static bool IsWriteFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;
}
