using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Leases;

/// <summary>
/// This ingest's place in its feed (Ingest:Feed): holder (it publishes) or standby (it runs warm,
/// keeps its spool, publishes nothing). <see cref="LeaseKeeper"/> asks the relay; the publisher
/// waits for a <see cref="HolderTerm"/> and stops when the term is lost.
/// </summary>
public sealed class FeedLease(IOptions<IngestOptions> options, BatchSpool spool, ILogger<FeedLease> logger)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<HolderTerm> _term = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _holding;
    private bool _standbyAnnounced;

    public string Feed { get; } = options.Value.Feed;

    /// <summary>False when the ingest runs alone: it publishes without asking.</summary>
    public bool Enabled => Feed.Length > 0;

    public LeaseRole Role { get; private set; } = LeaseRole.Standby;

    public ulong Epoch { get; private set; }

    /// <summary>
    /// Times the source lost its terminal (link down, pushes stalled), as it counts them: a holder
    /// whose count grows gives the lease up, so a standby with a working terminal publishes.
    /// </summary>
    public Func<long> SourceFailures { get; set; } = () => 0;

    public Task<HolderTerm> WaitHolderAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _term.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The relay's answer to a Lease call.</summary>
    public void Answered(LeaseResponse answer)
    {
        lock (_gate)
        {
            if (answer.Role == LeaseRole.Holder)
            {
                if (Role != LeaseRole.Holder || Epoch != answer.Epoch)
                {
                    Hold(answer);
                }

                return;
            }

            if (Role == LeaseRole.Holder)
            {
                Lose($"the relay says {answer.Holder} holds epoch {answer.Epoch}");
            }
            else if (Epoch != answer.Epoch || !_standbyAnnounced)
            {
                LeaseLog.Standby(logger, Feed, answer.Holder, answer.Epoch);
                _standbyAnnounced = true;
            }

            Epoch = answer.Epoch;
        }
    }

    /// <summary>The holder stops publishing: fenced, released, or not renewed in time.</summary>
    public void Lost(string reason)
    {
        lock (_gate)
        {
            if (Role == LeaseRole.Holder)
            {
                Lose(reason);
            }
        }
    }

    private void Hold(LeaseResponse answer)
    {
        if (Role == LeaseRole.Holder)
        {
            // Granted again under a new epoch without this ingest noticing the loss: the old term ends.
            EndTerm();
        }

        _holding = new CancellationTokenSource();
        var term = new HolderTerm(Feed, answer.Epoch, answer, _holding.Token);
        Role = LeaseRole.Holder;
        Epoch = answer.Epoch;
        _standbyAnnounced = false;
        LeaseLog.Holding(logger, Feed, answer.Epoch, answer.Granted ? "granted" : "renewed", string.Join(", ", answer.Stored.Select(s => $"{s.Period}≤{s.FrameUnixMs}")), spool.UnackedBatches);
        _term.TrySetResult(term);
    }

    private void Lose(string reason)
    {
        Role = LeaseRole.Standby;
        EndTerm();
        LeaseLog.LostLease(logger, Feed, Epoch, reason);
    }

    private void EndTerm()
    {
        _holding?.Cancel();
        _holding?.Dispose();
        _holding = null;
        _term = new TaskCompletionSource<HolderTerm>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
