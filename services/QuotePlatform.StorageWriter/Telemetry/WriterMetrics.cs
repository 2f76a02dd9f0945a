using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace QuotePlatform.StorageWriter.Telemetry;

/// <summary>
/// The writer's numbers, once: OpenTelemetry instruments (Meter "QuotePlatform.StorageWriter")
/// and the running totals the periodic report prints.
/// </summary>
public sealed class WriterMetrics
{
    public const string MeterName = "QuotePlatform.StorageWriter";

    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ConcurrentDictionary<string, byte> _symbols = new(StringComparer.Ordinal);
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _inserted;
    private readonly Counter<long> _insertErrors;
    private readonly Counter<long> _qualityErrors;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _ticksInserted;
    private readonly Histogram<double> _insertSeconds;
    private long _consumedTotal;
    private long _insertedTotal;
    private long _insertAttempts;
    private long _insertErrorsTotal;
    private long _qualityErrorsTotal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private long _deadLetteredTotal;
    private long _lastInsertUnixMs;
    private volatile StreamBacklog _backlog = StreamBacklog.Empty;

    public WriterMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        var meter = meterFactory.Create(MeterName);
        _consumed = meter.CreateCounter<long>("qp.storage_writer.bars.consumed", "{bar}", "Bars read from the streams");
        _inserted = meter.CreateCounter<long>("qp.storage_writer.bars.inserted", "{bar}", "Bars ClickHouse accepted");
        _insertErrors = meter.CreateCounter<long>("qp.storage_writer.insert.errors", "{insert}", "Insert attempts that failed");
        _qualityErrors = meter.CreateCounter<long>("qp.storage_writer.quality.errors", "{bar}", "Bars refused by the data-quality checks");
        _deadLettered = meter.CreateCounter<long>("qp.storage_writer.dead_lettered", "{entry}", "Entries moved to the dead-letter table");
        _ticksInserted = meter.CreateCounter<long>("qp.storage_writer.ticks.inserted", "{tick}", "Archived ticks ClickHouse accepted");
        _insertSeconds = meter.CreateHistogram<double>("qp.storage_writer.insert.duration", "s", "Duration of one insert attempt");
        meter.CreateObservableGauge("qp.storage_writer.uptime", () => Runtime.TotalSeconds, "s");
        meter.CreateObservableGauge("qp.storage_writer.insert.success_ratio", () => SuccessRatio);
        meter.CreateObservableGauge("qp.storage_writer.symbols", () => (long)_symbols.Count, "{symbol}");
        meter.CreateObservableGauge("qp.storage_writer.last_insert", () => Interlocked.Read(ref _lastInsertUnixMs) / 1000.0, "s",
            "Unix time of the last accepted insert");
        meter.CreateObservableGauge("qp.storage_writer.pending", () => _backlog.Shards.Select(
            s => new Measurement<long>(s.Pending, new KeyValuePair<string, object?>("shard", s.Shard))), "{entry}");
        meter.CreateObservableGauge("qp.storage_writer.lag", () => _backlog.Shards.Select(
            s => new Measurement<long>(s.Lag, new KeyValuePair<string, object?>("shard", s.Shard))), "{entry}");
    }

    public TimeSpan Runtime => _time.GetElapsedTime(_started);

    public long Consumed => Interlocked.Read(ref _consumedTotal);

    public long Inserted => Interlocked.Read(ref _insertedTotal);

    public long InsertErrors => Interlocked.Read(ref _insertErrorsTotal);

    public long QualityErrors => Interlocked.Read(ref _qualityErrorsTotal);

    public long DeadLettered => Interlocked.Read(ref _deadLetteredTotal);

    public int Symbols => _symbols.Count;

    public DateTimeOffset? LastInsert => Interlocked.Read(ref _lastInsertUnixMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Share of insert attempts ClickHouse accepted (1 before the first attempt).</summary>
    public double SuccessRatio => Interlocked.Read(ref _insertAttempts) is var attempts and > 0
        ? (attempts - InsertErrors) / (double)attempts
        : 1;

    private long _ticksInsertedTotal;

    public StreamBacklog Backlog { get => _backlog; set => _backlog = value; }

    public void BarsConsumed(int count, IEnumerable<string> symbols)
    {
        Interlocked.Add(ref _consumedTotal, count);
        _consumed.Add(count);
        foreach (var symbol in symbols)
        {
            _symbols.TryAdd(symbol, 0);
        }
    }

    public void InsertSucceeded(int rows, TimeSpan duration)
    {
        Interlocked.Increment(ref _insertAttempts);
        Interlocked.Add(ref _insertedTotal, rows);
        Interlocked.Exchange(ref _lastInsertUnixMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _inserted.Add(rows);
        _insertSeconds.Record(duration.TotalSeconds);
    }

    /// <summary>Archived ticks ClickHouse accepted (not counted in the bar totals).</summary>
    public long TicksInserted => Interlocked.Read(ref _ticksInsertedTotal);

    public void TicksInsertSucceeded(int rows, TimeSpan duration)
    {
        Interlocked.Increment(ref _insertAttempts);
        Interlocked.Add(ref _ticksInsertedTotal, rows);
        _ticksInserted.Add(rows);
        _insertSeconds.Record(duration.TotalSeconds);
    }

    public void InsertFailed(TimeSpan duration)
    {
        Interlocked.Increment(ref _insertAttempts);
        Interlocked.Increment(ref _insertErrorsTotal);
        _insertErrors.Add(1);
        _insertSeconds.Record(duration.TotalSeconds);
    }

    /// <summary>Bars refused since start, by reason (for retention also by period, "beyond_retention_1m").</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason => _rejectedByReason;

    public void QualityRejected(string reason)
    {
        Interlocked.Increment(ref _qualityErrorsTotal);
        _rejectedByReason.AddOrUpdate(reason, 1, (_, count) => count + 1);
        _qualityErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void EntryDeadLettered()
    {
        Interlocked.Increment(ref _deadLetteredTotal);
        _deadLettered.Add(1);
    }
}
