using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Ingest;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Relay.Telemetry;

/// <summary>
/// Instruments of the "QuotePlatform.Relay" meter, plus running totals for the periodic log report
/// and totals since start for the published pipeline statistics.
/// </summary>
public sealed class RelayMetrics
{
    private readonly Counter<long> _batches;
    private readonly Counter<long> _bars;
    private readonly Counter<long> _quotes;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _redisWrite;
    private readonly Counter<long> _failovers;
    private readonly Histogram<double> _failoverDuration;
    private readonly ConcurrentDictionary<string, long> _leaseEpochs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private RelayReport _current = Empty;
    private RelayReport _sinceStart = Empty;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private long _lastWriteUnixMs;

    public RelayMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(RelayTelemetry.Name);
        _batches = meter.CreateCounter<long>("qp.relay.batches", "{batch}", "Batches answered, by status");
        _bars = meter.CreateCounter<long>("qp.relay.bars", "{bar}", "Bars written to Redis");
        _quotes = meter.CreateCounter<long>("qp.relay.quotes", "{quote}", "Quotes written to Redis");
        _ticks = meter.CreateCounter<long>("qp.relay.ticks", "{tick}", "Archived ticks written to Redis");
        _rejections = meter.CreateCounter<long>("qp.relay.rejections", "{item}", "Items refused by validation, by reason");
        _redisWrite = meter.CreateHistogram<double>("qp.relay.redis.write.duration", "ms", "From sending a batch to Redis until every shard confirmed");
        _failovers = meter.CreateCounter<long>("qp.relay.feed.failovers", "{failover}", "Hot standby: leases granted to a new holder while another had held it, by feed");
        _failoverDuration = meter.CreateHistogram<double>("qp.relay.feed.failover.duration", "s", "From the old holder's last renewal to the grant to the new one, by feed");
        meter.CreateObservableGauge("qp.relay.feed.lease.epoch", () => _leaseEpochs.Select(e => new Measurement<long>(e.Value, new KeyValuePair<string, object?>("feed", e.Key))),
            "{epoch}", "Hot standby: the feed's lease epoch this relay last handed out or renewed");
    }

    public void RecordLease(string feed, ulong epoch) => _leaseEpochs[feed] = (long)epoch;

    public void RecordFailover(string feed, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("feed", feed);
        _failovers.Add(1, tag);
        _failoverDuration.Record(duration.TotalSeconds, tag);
    }

    private static RelayReport Empty => new(0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);

    public void RecordBatch(PublishResponse response, PreparedBatch batch, TimeSpan redisWrite)
    {
        var status = response.Status.ToString().ToLowerInvariant();
        _batches.Add(1, new KeyValuePair<string, object?>("status", status));
        _bars.Add(response.AcceptedBars);
        _quotes.Add(response.AcceptedQuotes);
        _ticks.Add(response.AcceptedTicks);
        foreach (var rejection in batch.Rejections)
        {
            _rejections.Add(1, new("reason", rejection.Reason), new("kind", rejection.Kind.ToString().ToLowerInvariant()),
                new("period", rejection.Period == Period.Unspecified ? "" : rejection.Period.ToDomain().ToLabel()));
            var key = rejection.Kind == Rejection.Types.ItemKind.Tick
                ? $"{rejection.Reason}_tick"
                : RetentionLimits.CountKey(rejection.Reason, rejection.Period.ToDomain());
            _rejectedByReason.AddOrUpdate(key, 1, (_, count) => count + 1);
        }

        _redisWrite.Record(redisWrite.TotalMilliseconds, new KeyValuePair<string, object?>("status", status));
        if (response.Status == BatchStatus.Written)
        {
            Interlocked.Exchange(ref _lastWriteUnixMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        lock (_gate)
        {
            _current = Add(_current, response, batch, redisWrite);
            _sinceStart = Add(_sinceStart, response, batch, redisWrite);
        }
    }

    /// <summary>Totals since the relay started (not reset by <see cref="TakeReport"/>).</summary>
    public RelayReport SinceStart
    {
        get
        {
            lock (_gate)
            {
                return _sinceStart;
            }
        }
    }

    /// <summary>Items refused since start, by reason; refusals for retention also by period ("beyond_retention_1m").</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason => _rejectedByReason;

    /// <summary>When Redis last confirmed a written batch, epoch ms UTC (0: never).</summary>
    public long LastWriteUnixMs => Interlocked.Read(ref _lastWriteUnixMs);

    private static RelayReport Add(RelayReport c, PublishResponse response, PreparedBatch batch, TimeSpan redisWrite)
    {
        var batches = c.Batches + 1;
        return new RelayReport(
            batches,
            c.FailedBatches + (response.Status == BatchStatus.Failed ? 1 : 0),
            c.Bars + response.AcceptedBars,
            c.Quotes + response.AcceptedQuotes,
            c.Rejected + batch.Rejections.Count,
            c.RedisAverage + ((redisWrite - c.RedisAverage) / batches),
            redisWrite > c.RedisMax ? redisWrite : c.RedisMax);
    }

    /// <summary>Totals since the previous call.</summary>
    public RelayReport TakeReport()
    {
        lock (_gate)
        {
            var report = _current;
            _current = Empty;
            return report;
        }
    }
}
