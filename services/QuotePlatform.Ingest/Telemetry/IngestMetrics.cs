using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Domain.Validation;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Ingest.Telemetry;

/// <summary>
/// The ingest's numbers, once: OpenTelemetry instruments (meter "QuotePlatform.Ingest") and the
/// running totals the periodic report prints. Engine-side figures (tick verdicts, symbols, integrity)
/// are read through the functions the pipeline attaches when it starts.
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "QuotePlatform.Ingest";

    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _barsBuilt;
    private readonly Counter<long> _batchesSealed;
    private readonly Counter<long> _batchesAcked;
    private readonly Counter<long> _barsAcked;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _failedAnswers;
    private readonly Counter<long> _reconnects;
    private readonly Histogram<double> _ackSeconds;
    private readonly ConcurrentDictionary<string, long> _rejectionsByReason = new(StringComparer.Ordinal);
    private long _pushCount;
    private long _tickCount;
    private long _finalBars;
    private long _formingBars;
    private long _batchCount;
    private long _batchItems;
    private long _ackedBatches;
    private long _duplicateBatches;
    private long _sentBarsAcked;
    private long _acceptedBars;
    private long _acceptedQuotes;
    private long _failedAnswerCount;
    private long _reconnectCount;

    public IngestMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        var meter = meterFactory.Create(MeterName);
        _pushes = meter.CreateCounter<long>("qp.ingest.pushes", "{push}", "Source callbacks (whole-quote pushes) received");
        _ticks = meter.CreateCounter<long>("qp.ingest.ticks", "{tick}", "Instrument snapshots received");
        meter.CreateObservableCounter("qp.ingest.pushes.dropped", () => PushesDropped, "{push}", "Pushes the source could not queue (queue full)");
        _barsBuilt = meter.CreateCounter<long>("qp.ingest.bars.built", "{bar}", "Bars put into batches (tag final)");
        _batchesSealed = meter.CreateCounter<long>("qp.ingest.batches.sealed", "{batch}", "Batches closed and spooled");
        _batchesAcked = meter.CreateCounter<long>("qp.ingest.batches.acked", "{batch}", "Batches the relay acknowledged (tag status)");
        _barsAcked = meter.CreateCounter<long>("qp.ingest.bars.acked", "{bar}", "Bars the relay accepted");
        _rejections = meter.CreateCounter<long>("qp.ingest.rejections", "{item}", "Items the relay or the source rejected (tag reason)");
        _failedAnswers = meter.CreateCounter<long>("qp.ingest.relay.failed", "{batch}", "Batches the relay answered FAILED");
        _reconnects = meter.CreateCounter<long>("qp.ingest.relay.reconnects", "{call}", "Publish calls opened again after a failure");
        _ackSeconds = meter.CreateHistogram<double>("qp.ingest.ack.duration", "s", "From sending a batch to its acknowledgement");
        meter.CreateObservableGauge("qp.ingest.uptime", () => Runtime.TotalSeconds, "s");
        meter.CreateObservableGauge("qp.ingest.ticks.by_verdict", () => TickVerdictCounts().Select(
            v => new Measurement<long>(v.Count, new KeyValuePair<string, object?>("verdict", v.Verdict.ToCode()))), "{tick}");
        meter.CreateObservableGauge("qp.ingest.spool.bytes", () => SpoolBytes(), "By");
        meter.CreateObservableGauge("qp.ingest.spool.batches", () => (long)SpoolBatches(), "{batch}");
        meter.CreateObservableGauge("qp.ingest.spool.back_pressure", () => SpoolBackPressure(), "{episode}", "Times the spool cap held the source back");
        meter.CreateObservableGauge("qp.ingest.symbols", () => (long)Symbols(), "{symbol}");
        meter.CreateObservableGauge("qp.ingest.symbols.missing_minutes", () => (long)SymbolsWithMissingMinutes(), "{symbol}");
        meter.CreateObservableGauge("qp.ingest.relay.success_ratio", () => SuccessRatio);
        meter.CreateObservableGauge("qp.ingest.lease.holder", () => LeaseHolder(), "{lease}", "Hot standby (Ingest:Feed): 1 while this ingest holds the feed's lease and publishes, 0 as the standby");
        meter.CreateObservableGauge("qp.ingest.lease.epoch", () => (long)LeaseEpoch(), "{epoch}", "The feed's lease epoch this ingest last heard of");
    }

    public TimeSpan Runtime => _time.GetElapsedTime(_started);

    public Func<IEnumerable<(TickVerdict Verdict, long Count)>> TickVerdictCounts { get; set; } = () => [];

    public Func<int> Symbols { get; set; } = () => 0;

    public Func<int> LeaseHolder { get; set; } = () => 0;

    public Func<ulong> LeaseEpoch { get; set; } = () => 0;

    public Func<int> SymbolsWithMissingMinutes { get; set; } = () => 0;

    public Func<long> SpoolBytes { get; set; } = () => 0;

    public Func<int> SpoolBatches { get; set; } = () => 0;

    public Func<long> SpoolBackPressure { get; set; } = () => 0;

    /// <summary>Pushes a live source counted as not queued on its own side (e.g. the QMT source's inbox full).</summary>
    public Func<long> SourceDropped { get; set; } = () => 0;

    public long Pushes => Interlocked.Read(ref _pushCount);

    public long Ticks => Interlocked.Read(ref _tickCount);

    public long PushesDropped => SourceDropped();

    public long FinalBars => Interlocked.Read(ref _finalBars);

    public long FormingBars => Interlocked.Read(ref _formingBars);

    public long Batches => Interlocked.Read(ref _batchCount);

    public double AverageBatchItems => Batches == 0 ? 0 : Interlocked.Read(ref _batchItems) / (double)Batches;

    public long AckedBatches => Interlocked.Read(ref _ackedBatches);

    public long DuplicateBatches => Interlocked.Read(ref _duplicateBatches);

    public long AcceptedBars => Interlocked.Read(ref _acceptedBars);

    public long AcceptedQuotes => Interlocked.Read(ref _acceptedQuotes);

    public long FailedAnswers => Interlocked.Read(ref _failedAnswerCount);

    public long Reconnects => Interlocked.Read(ref _reconnectCount);

    public IReadOnlyDictionary<string, long> Rejections => _rejectionsByReason;

    /// <summary>Share of the bars in written batches that the relay accepted (1 before the first answer).</summary>
    public double SuccessRatio => Interlocked.Read(ref _sentBarsAcked) is var sent and > 0 ? AcceptedBars / (double)sent : 1;

    public void PushReceived(int ticks)
    {
        Interlocked.Increment(ref _pushCount);
        Interlocked.Add(ref _tickCount, ticks);
        _pushes.Add(1);
        _ticks.Add(ticks);
    }

    public void BatchSealed(int finalBars, int formingBars, int items)
    {
        Interlocked.Increment(ref _batchCount);
        Interlocked.Add(ref _batchItems, items);
        Interlocked.Add(ref _finalBars, finalBars);
        Interlocked.Add(ref _formingBars, formingBars);
        _batchesSealed.Add(1);
        _barsBuilt.Add(finalBars, new KeyValuePair<string, object?>("final", true));
        _barsBuilt.Add(formingBars, new KeyValuePair<string, object?>("final", false));
    }

    public void BatchAcked(PublishResponse answer, int barsSent, TimeSpan latency)
    {
        Interlocked.Increment(ref _ackedBatches);
        _batchesAcked.Add(1, new KeyValuePair<string, object?>("status", answer.Status == BatchStatus.Duplicate ? "duplicate" : "written"));
        _ackSeconds.Record(latency.TotalSeconds);
        if (answer.Status == BatchStatus.Duplicate)
        {
            Interlocked.Increment(ref _duplicateBatches);
            return;
        }

        Interlocked.Add(ref _sentBarsAcked, barsSent);
        Interlocked.Add(ref _acceptedBars, answer.AcceptedBars);
        Interlocked.Add(ref _acceptedQuotes, answer.AcceptedQuotes);
        _barsAcked.Add(answer.AcceptedBars);
        foreach (var rejection in answer.Rejections)
        {
            _rejectionsByReason.AddOrUpdate(RetentionLimits.CountKey(rejection.Reason, rejection.Period.ToDomain()), 1, (_, count) => count + 1);
            _rejections.Add(1, new KeyValuePair<string, object?>("reason", rejection.Reason));
        }
    }

    /// <summary>The source could not use part of its input (e.g. a malformed recorded line).</summary>
    public void SourceRejected(string reason)
    {
        _rejectionsByReason.AddOrUpdate("source:" + reason, 1, (_, count) => count + 1);
        _rejections.Add(1, new KeyValuePair<string, object?>("reason", "source:" + reason));
    }

    public void BatchFailed()
    {
        Interlocked.Increment(ref _failedAnswerCount);
        _failedAnswers.Add(1);
    }

    public void Reconnected()
    {
        Interlocked.Increment(ref _reconnectCount);
        _reconnects.Add(1);
    }
}
