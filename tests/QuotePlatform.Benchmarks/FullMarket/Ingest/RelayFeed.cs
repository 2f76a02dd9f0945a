using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Ingest.V1;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// The ingest's side of the relay contract, as the harness needs it: numbered batches on one
/// bidirectional Publish call, at most <c>window</c> unacknowledged; a batch answered
/// FAILED is sent again; after any broken call it reconnects (exponential back-off with jitter) and
/// resends every unacknowledged batch in order, relying on the relay's dedup. Unacknowledged batches
/// are kept in memory: a relay outage loses nothing, a crash of this process would (the real
/// ingest's durable spool covers that).
/// </summary>
public sealed class RelayFeed : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly IngestService.IngestServiceClient _client;
    private readonly Metadata _headers;
    private readonly string _producerId;
    private readonly SemaphoreSlim _window;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<PublishRequest> _queue = Channel.CreateUnbounded<PublishRequest>();
    private readonly SortedDictionary<ulong, (PublishRequest Batch, long SentAt)> _unacked = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ulong _nextSequence;
    private long _reconnects;
    private long _failedAnswers;
    private long _duplicates;
    private long _rejected;

    public RelayFeed(Uri relay, string producerId, string apiKey, int window, ulong firstSequence)
    {
        _channel = GrpcChannel.ForAddress(relay, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        _client = new IngestService.IngestServiceClient(_channel);
        _headers = new Metadata { { "x-api-key", apiKey } };
        _producerId = producerId;
        _window = new SemaphoreSlim(window);
        _nextSequence = firstSequence;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public LatencyStats AckLatency { get; } = new();

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long FailedAnswers => Interlocked.Read(ref _failedAnswers);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long RejectedItems => Interlocked.Read(ref _rejected);

    public long Acked { get; private set; }

    public int Unacked
    {
        get
        {
            lock (_unacked)
            {
                return _unacked.Count;
            }
        }
    }

    /// <summary>Called with each batch once the relay has it (written or duplicate), on the reader's thread.</summary>
    public event Action<PublishRequest>? BatchAcked;

    /// <summary>Numbers the batch and queues it; waits while the window is full.</summary>
    public async Task SendAsync(PublishRequest batch, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken);
        batch.ProducerId = _producerId;
        lock (_unacked)
        {
            batch.Sequence = _nextSequence++;
            _unacked.Add(batch.Sequence, (batch, Stopwatch.GetTimestamp()));
        }

        await _queue.Writer.WriteAsync(batch, cancellationToken);
    }

    /// <summary>Waits until every batch sent so far is acknowledged.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (Unacked > 0)
        {
            if (_loop.IsFaulted)
            {
                await _loop;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            using var callStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                using var call = _client.Publish(_headers, cancellationToken: callStop.Token);
                var written = new HashSet<ulong>();
                _ = ReadAnswersAsync(call, callStop);
                PublishRequest[] pending;
                lock (_unacked)
                {
                    pending = [.. _unacked.Values.Select(v => v.Batch)];
                }

                foreach (var batch in pending)
                {
                    await WriteAsync(call, batch, written, callStop.Token);
                }

                while (await _queue.Reader.WaitToReadAsync(callStop.Token))
                {
                    while (_queue.Reader.TryRead(out var batch))
                    {
                        await WriteAsync(call, batch, written, callStop.Token);
                    }

                    backoff = TimeSpan.FromMilliseconds(100);
                }

                return;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && ex is RpcException or IOException or OperationCanceledException or InvalidOperationException)
            {
                Interlocked.Increment(ref _reconnects);
                await Task.Delay(backoff * (0.5 + Random.Shared.NextDouble()), stop);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private async Task WriteAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call, PublishRequest batch, HashSet<ulong> written, CancellationToken cancellationToken)
    {
        lock (_unacked)
        {
            if (!_unacked.ContainsKey(batch.Sequence) || !written.Add(batch.Sequence))
            {
                return;
            }
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(batch, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadAnswersAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call, CancellationTokenSource callStop)
    {
        try
        {
            await foreach (var answer in call.ResponseStream.ReadAllAsync(callStop.Token))
            {
                if (answer.Status == BatchStatus.Failed)
                {
                    Interlocked.Increment(ref _failedAnswers);
                    PublishRequest? again;
                    lock (_unacked)
                    {
                        again = _unacked.TryGetValue(answer.Sequence, out var entry) ? entry.Batch : null;
                    }

                    if (again is not null)
                    {
                        await Task.Delay(50, callStop.Token);
                        await _writeLock.WaitAsync(callStop.Token);
                        try
                        {
                            await call.RequestStream.WriteAsync(again, callStop.Token);
                        }
                        finally
                        {
                            _writeLock.Release();
                        }
                    }

                    continue;
                }

                Acknowledge(answer);
            }
        }
        finally
        {
            // Whatever ended the answers (a broken call, the relay going away) ends the call, so the
            // sender reconnects and resends what is still unacknowledged.
            await callStop.CancelAsync();
        }
    }

    private void Acknowledge(PublishResponse answer)
    {
        (PublishRequest Batch, long SentAt) entry;
        lock (_unacked)
        {
            if (!_unacked.Remove(answer.Sequence, out entry))
            {
                return;
            }

            Acked++;
        }

        if (answer.Status == BatchStatus.Duplicate)
        {
            Interlocked.Increment(ref _duplicates);
        }

        Interlocked.Add(ref _rejected, answer.Rejections.Count);
        lock (AckLatency)
        {
            AckLatency.Add(Stopwatch.GetElapsedTime(entry.SentAt));
        }

        BatchAcked?.Invoke(entry.Batch);
        _window.Release();
    }
}
