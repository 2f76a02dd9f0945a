using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Leases;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.Publishing;

/// <summary>
/// Streams spooled batches to the relay on one bidirectional Publish call, oldest first, with at most
/// MaxInFlightBatches unanswered; each WRITTEN or DUPLICATE answer releases its batch from the spool.
/// Any break (relay down, connection lost, a FAILED answer) ends the call; the next one starts again
/// from the oldest unacknowledged batch, so batches go out in order and the relay's dedup absorbs
/// resends. Reconnects back off exponentially with jitter (<see cref="IngestResilience"/>).
/// In a feed of hot-standby ingests (Ingest:Feed) it publishes only while this ingest holds the
/// feed's lease, each batch stamped with the lease's epoch; a FENCED answer or a lost lease ends the
/// call, and it waits for the next term.
/// </summary>
public sealed class RelayPublisher(
    BatchSpool spool,
    CallInvoker relay,
    IOptions<RelayClientOptions> options,
    IngestMetrics metrics,
    FeedLease lease,
    ResiliencePipelineProvider<string> pipelines,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RelayPublisher> logger) : BackgroundService
{
    private readonly RelayClientOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = pipelines.GetPipeline(IngestResilience.Relay);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var term = lease.Enabled ? await lease.WaitHolderAsync(stoppingToken) : null;
                // A call that made progress returns, so the back-off starts afresh for the next one.
                await pipeline.ExecuteAsync(async token => await RunCallAsync(term, token), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (RpcException ex) when (IngestResilience.IsFatal(ex))
        {
            PublishingLog.Refused(logger, _options.Address, ex.StatusCode.ToString(), ex.Status.Detail);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task RunCallAsync(HolderTerm? term, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term?.Lost ?? CancellationToken.None);
        var headers = _options.CallHeaders();

        using var call = relay.AsyncDuplexStreamingCall(RawPublishMethod.Instance, null, new CallOptions(headers, cancellationToken: stop.Token));
        var state = new CallState(_options.MaxInFlightBatches);
        PublishingLog.Connecting(logger, _options.Address, spool.UnackedBatches);
        var sending = SendAsync(call.RequestStream, state, term, stop.Token);
        var answering = AnswerAsync(call.ResponseStream, state, stop.Token);
        await Task.WhenAny(sending, answering);
        await stop.CancelAsync();
        await Task.WhenAll(sending, answering).ContinueWith(_ => { }, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
        if (term is { Lost.IsCancellationRequested: true })
        {
            // Not a failure: the standby publishes nothing, and waits for its next term.
            return;
        }

        // The answers tell best why a call ended (e.g. Unauthenticated), then the sending side.
        var cause = Cause(answering) ?? Cause(sending) ?? new RelayCallException("the call ended");
        if (cause is RpcException rpc && IngestResilience.IsFatal(rpc))
        {
            throw rpc;
        }

        var failure = cause as RelayCallException ?? new RelayCallException("the Publish call failed", cause);
        if (state.Acked > 0)
        {
            metrics.Reconnected();
            PublishingLog.CallEnded(logger, state.Acked, failure.InnerException ?? failure);
            return;
        }

        throw failure;
    }

    private async Task SendAsync(IClientStreamWriter<byte[]> requests, CallState state, HolderTerm? term, CancellationToken cancellationToken)
    {
        var position = spool.FirstUnackedPosition;
        while (true)
        {
            await state.Window.WaitAsync(cancellationToken);
            var entry = await spool.ReadAsync(position++, cancellationToken);
            state.InFlight[entry.Sequence] = (time.GetTimestamp(), entry.Bars);
            var payload = spool.PayloadOf(entry);
            await requests.WriteAsync(term is null ? payload : term.Stamp(payload), cancellationToken);
        }
    }

    private async Task AnswerAsync(IAsyncStreamReader<PublishResponse> answers, CallState state, CancellationToken cancellationToken)
    {
        while (await answers.MoveNext(cancellationToken))
        {
            var answer = answers.Current;
            if (!state.InFlight.TryRemove(answer.Sequence, out var sent))
            {
                throw new RelayCallException($"the relay answered sequence {answer.Sequence}, which was not sent on this call");
            }

            if (answer.Status == BatchStatus.Fenced)
            {
                PublishingLog.BatchFenced(logger, answer.Sequence, answer.Error);
                lease.Lost($"batch {answer.Sequence} fenced by epoch {answer.LeaseEpoch}");
                throw new RelayCallException($"batch {answer.Sequence} answered FENCED: {answer.Error}");
            }

            if (answer.Status is not (BatchStatus.Written or BatchStatus.Duplicate))
            {
                metrics.BatchFailed();
                PublishingLog.BatchFailed(logger, answer.Sequence, answer.Error);
                throw new RelayCallException($"batch {answer.Sequence} answered {answer.Status}: {answer.Error}");
            }

            // Counted before the spool lets it go: whoever waits for the spool to drain (the end of a
            // replay or an import) then reports this answer's rejections too.
            metrics.BatchAcked(answer, sent.Bars, time.GetElapsedTime(sent.SentAt));
            spool.Ack(answer.Sequence);
            state.Acked++;
            state.Window.Release();
        }

        throw new RelayCallException("the relay ended the call");
    }

    // Cancellation is how the two loops stop each other, never why the call ended.
    private static Exception? Cause(Task task) => task.Exception?.InnerException is { } ex
        and not OperationCanceledException
        and not RpcException { StatusCode: StatusCode.Cancelled }
            ? ex
            : null;

    private sealed class CallState(int window)
    {
        public SemaphoreSlim Window { get; } = new(window);

        public ConcurrentDictionary<ulong, (long SentAt, int Bars)> InFlight { get; } = new();

        public long Acked { get; set; }
    }
}
