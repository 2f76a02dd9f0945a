using System.Threading.Channels;
using Grpc.Core;
using QuotePlatform.Contracts.Ingest.V1;

namespace QuotePlatform.Cli.Publishing;

/// <summary>
/// Sends batches on one Publish call with at most <see cref="PublishSettings.Window"/> unanswered.
/// A batch answered WRITTEN or DUPLICATE is done; one answered FAILED is sent again after a growing,
/// jittered delay, and after <see cref="PublishSettings.MaxAttempts"/> sends the run fails. The
/// relay answers in order, but a resent batch may be answered after later ones.
/// </summary>
internal sealed class RelayPublisher(IngestService.IngestServiceClient client, PublishSettings settings, PublishSummary summary, TimeProvider time)
{
    public const string ApiKeyHeader = "x-api-key";
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, int> _attempts = [];
    private readonly Dictionary<ulong, PublishRequest> _unanswered = [];
    private readonly Channel<PublishRequest> _outbox = Channel.CreateUnbounded<PublishRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _window = new(settings.Window);
    private bool _allQueued;

    /// <summary>Publishes every batch the reader yields; throws <see cref="RpcException"/> or <see cref="PublishFailedException"/>.</summary>
    public async Task RunAsync(ChannelReader<PublishRequest> batches, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.Publish(new Metadata { { ApiKeyHeader, settings.ApiKey } }, cancellationToken: stop.Token);
        var answering = Guard(ReadAnswersAsync(call.ResponseStream, stop.Token), stop);
        var queueing = Guard(QueueAsync(batches, stop.Token), stop);
        Exception? sendError = null;
        try
        {
            await foreach (var batch in _outbox.Reader.ReadAllAsync(stop.Token))
            {
                await call.RequestStream.WriteAsync(batch, stop.Token);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex)
        {
            sendError = ex;
            await stop.CancelAsync();
        }

        // The reason a call failed is best told by the answers (e.g. Unauthenticated), then by the batch source.
        await Task.WhenAll(answering, queueing).ContinueWith(_ => { }, TaskScheduler.Default);
        var cause = RootCause(answering) ?? RootCause(queueing) ?? sendError;
        if (cause is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }
    }

    private async Task QueueAsync(ChannelReader<PublishRequest> batches, CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            await _window.WaitAsync(cancellationToken);
            lock (_gate)
            {
                _unanswered.Add(batch.Sequence, batch);
                _attempts[batch.Sequence] = 1;
                summary.Batches++;
                summary.FirstSequence ??= batch.Sequence;
                summary.LastSequence = batch.Sequence;
            }

            _outbox.Writer.TryWrite(batch);
        }

        lock (_gate)
        {
            _allQueued = true;
            CompleteWhenDone();
        }
    }

    private async Task ReadAnswersAsync(IAsyncStreamReader<PublishResponse> answers, CancellationToken cancellationToken)
    {
        await foreach (var answer in answers.ReadAllAsync(cancellationToken))
        {
            if (OnAnswer(answer) is { } resend)
            {
                _ = ResendLaterAsync(resend.Batch, resend.Delay, cancellationToken);
            }
        }

        lock (_gate)
        {
            if (_unanswered.Count > 0)
            {
                throw new PublishFailedException($"the relay ended the call with {_unanswered.Count} batches unanswered");
            }
        }
    }

    private (PublishRequest Batch, TimeSpan Delay)? OnAnswer(PublishResponse answer)
    {
        lock (_gate)
        {
            if (!_unanswered.TryGetValue(answer.Sequence, out var batch))
            {
                throw new PublishFailedException($"the relay answered sequence {answer.Sequence}, which is not waiting for an answer: {answer.Status} {answer.Error}");
            }

            if (answer.Status is BatchStatus.Written or BatchStatus.Duplicate)
            {
                summary.RecordAnswer(answer);
                _unanswered.Remove(answer.Sequence);
                _attempts.Remove(answer.Sequence);
                _window.Release();
                CompleteWhenDone();
                return null;
            }

            summary.FailedAnswers++;
            var attempts = _attempts[answer.Sequence];
            if (attempts >= settings.MaxAttempts)
            {
                throw new PublishFailedException($"batch {answer.Sequence} was answered {answer.Status} {attempts} times; last error: {answer.Error}");
            }

            _attempts[answer.Sequence] = attempts + 1;
            return (batch, RetryDelay(attempts));
        }
    }

    private async Task ResendLaterAsync(PublishRequest batch, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            lock (_gate)
            {
                summary.Resent++;
            }

            _outbox.Writer.TryWrite(batch);
        }
        catch (OperationCanceledException)
        {
            // The run is ending anyway.
        }
    }

    // Exponential with jitter, so producers that failed together do not retry in step.
    private TimeSpan RetryDelay(int attempts)
    {
        var exponential = settings.RetryDelay * Math.Pow(2, attempts - 1);
        var capped = exponential < MaxRetryDelay ? exponential : MaxRetryDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private void CompleteWhenDone()
    {
        if (_allQueued && _unanswered.Count == 0)
        {
            _outbox.Writer.TryComplete();
        }
    }

    // A failure anywhere stops the other loops: the send loop's outbox ends and every wait is cancelled.
    private async Task Guard(Task task, CancellationTokenSource stop)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            _outbox.Writer.TryComplete(ex);
            await stop.CancelAsync();
            throw;
        }
    }

    // Cancellation is how the loops stop each other, never the reason the run failed.
    private static Exception? RootCause(Task task) =>
        task.Exception?.InnerException is { } ex and not OperationCanceledException and not RpcException { StatusCode: StatusCode.Cancelled } ? ex : null;
}
