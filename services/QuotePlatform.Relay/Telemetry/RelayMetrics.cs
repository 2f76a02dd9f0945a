using System.Diagnostics.Metrics;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Ingest;

namespace QuotePlatform.Relay.Telemetry;

/// <summary>Instruments of the "QuotePlatform.Relay" meter, plus running totals for the periodic log report.</summary>
public sealed class RelayMetrics
{
    private readonly Counter<long> _batches;
    private readonly Counter<long> _bars;
    private readonly Counter<long> _quotes;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _redisWrite;
    private readonly Lock _gate = new();
    private RelayReport _current = Empty;

    public RelayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RelayTelemetry.Name);
        _batches = meter.CreateCounter<long>("qp.relay.batches", "{batch}", "Batches answered, by status");
        _bars = meter.CreateCounter<long>("qp.relay.bars", "{bar}", "Bars written to Redis");
        _quotes = meter.CreateCounter<long>("qp.relay.quotes", "{quote}", "Quotes written to Redis");
        _rejections = meter.CreateCounter<long>("qp.relay.rejections", "{item}", "Items refused by validation, by reason");
        _redisWrite = meter.CreateHistogram<double>("qp.relay.redis.write.duration", "ms", "From sending a batch to Redis until every shard confirmed");
    }

    private static RelayReport Empty => new(0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);

    public void RecordBatch(PublishResponse response, PreparedBatch batch, TimeSpan redisWrite)
    {
        var status = response.Status.ToString().ToLowerInvariant();
        _batches.Add(1, new KeyValuePair<string, object?>("status", status));
        _bars.Add(response.AcceptedBars);
        _quotes.Add(response.AcceptedQuotes);
        foreach (var rejection in batch.Rejections)
        {
            _rejections.Add(1, new("reason", rejection.Reason), new("kind", rejection.Kind == Rejection.Types.ItemKind.Bar ? "bar" : "quote"));
        }

        _redisWrite.Record(redisWrite.TotalMilliseconds, new KeyValuePair<string, object?>("status", status));
        lock (_gate)
        {
            var c = _current;
            var batches = c.Batches + 1;
            _current = new RelayReport(
                batches,
                c.FailedBatches + (response.Status == BatchStatus.Failed ? 1 : 0),
                c.Bars + response.AcceptedBars,
                c.Quotes + response.AcceptedQuotes,
                c.Rejected + batch.Rejections.Count,
                c.RedisAverage + ((redisWrite - c.RedisAverage) / batches),
                redisWrite > c.RedisMax ? redisWrite : c.RedisMax);
        }
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
