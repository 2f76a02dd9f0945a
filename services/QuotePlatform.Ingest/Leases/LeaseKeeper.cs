using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Leases;

/// <summary>
/// Asks the relay for the feed's lease every third of its time to live: the heartbeat of the holder,
/// the bid of a standby. A holder that cannot renew within the time to live stops publishing on its
/// own (the relay may already have granted the lease to the standby). A standby lets go of spooled
/// batches whose bars the feed has stored, so its spool holds only what a takeover would still send.
/// On a clean stop the holder releases the lease, and the standby takes over at its next call; so
/// does a holder whose terminal was lost or stalled (it stays standby while a standby holds the lease).
/// </summary>
public sealed class LeaseKeeper(
    FeedLease lease, BatchSpool spool, CallInvoker relay, IOptions<RelayClientOptions> options, TimeProvider time, ILogger<LeaseKeeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstTtl = TimeSpan.FromSeconds(3);
    private readonly IngestService.IngestServiceClient _client = new(relay);
    private TimeSpan _ttl = FirstTtl;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!lease.Enabled)
        {
            return;
        }

        var renewed = time.GetTimestamp();
        var failures = lease.SourceFailures();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var release = false;
                if (lease.SourceFailures() is var now && now != failures)
                {
                    failures = now;
                    release = lease.Role == LeaseRole.Holder;
                    lease.Lost("the terminal's link was lost or its pushes stalled: lease released");
                }

                var answer = await CallAsync(release, stoppingToken);
                renewed = time.GetTimestamp();
                _ttl = TimeSpan.FromMilliseconds(answer.TtlMs);
                lease.Answered(answer);
                if (answer.Role == LeaseRole.Standby)
                {
                    await ReleaseStoredAsync(StoredFrames.From(answer.Stored), stoppingToken);
                }
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                var silent = time.GetElapsedTime(renewed);
                LeaseLog.LeaseCallFailed(logger, lease.Feed, silent, _ttl, ex);
                if (silent >= _ttl)
                {
                    lease.Lost($"no renewal for {silent.TotalSeconds:F1} s");
                }
            }

            try
            {
                await Task.Delay(_ttl / 3, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (lease.Enabled && lease.Role == LeaseRole.Holder)
        {
            lease.Lost("stopping: lease released");
            using var shortly = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            shortly.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await CallAsync(release: true, shortly.Token);
            }
            catch (Exception ex) when (ex is RpcException or OperationCanceledException)
            {
                // The lease then runs out on its own: the standby takes over a time to live later.
            }
        }
    }

    private async Task<LeaseResponse> CallAsync(bool release, CancellationToken cancellationToken)
    {
        var relayOptions = options.Value;
        var headers = relayOptions.CallHeaders();

        // A lease call slower than the time to live answers too late to be of use.
        return await _client.LeaseAsync(
            new LeaseRequest { Feed = lease.Feed, Release = release }, headers, time.GetUtcNow().UtcDateTime + _ttl, cancellationToken);
    }

    private async Task ReleaseStoredAsync(IReadOnlyDictionary<Contracts.MarketData.V1.Period, long> stored, CancellationToken cancellationToken)
    {
        var released = 0;
        while (lease.Role == LeaseRole.Standby && spool.UnackedBatches > 0)
        {
            var entry = await spool.ReadAsync(spool.FirstUnackedPosition, cancellationToken);
            if (!StoredFrames.CoverAll(stored, PublishRequest.Parser.ParseFrom(spool.PayloadOf(entry))))
            {
                break;
            }

            spool.Ack(entry.Sequence);
            released++;
        }

        if (released > 0)
        {
            LeaseLog.Released(logger, lease.Feed, released);
        }
    }
}
