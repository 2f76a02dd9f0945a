using System.Diagnostics.Metrics;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>The latest after-close comparison as OpenTelemetry gauges on the ingest's meter (qp.ingest.qmt_compare.*).</summary>
public sealed class ComparisonMetrics
{
    private ComparisonReport? _last;
    private long _runs;

    public ComparisonMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        meter.CreateObservableCounter("qp.ingest.qmt_compare.runs", () => Interlocked.Read(ref _runs), "{run}", "After-close comparisons with QMT completed");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.bars_compared", () => Last(r => r.BarsCompared), "{bar}", "1m bars both the ingest and QMT have");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.bars_differing", () => Last(r => r.BarsDiffering), "{bar}", "1m bars with any field beyond the tolerance");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.symbols_differing", () => Last(r => (long)r.SymbolsDiffering), "{symbol}");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.bars_missing", Missing, "{bar}", "1m bars only one side has (side: where it is missing)");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.field_differing", () => PerField(f => f.BarsDiffering), "{bar}", "Bars differing per field");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.max_abs_diff", () => PerField(f => f.MaxAbsolute), null, "Largest absolute difference per field (CNY; shares for volume)");
        meter.CreateObservableGauge("qp.ingest.qmt_compare.max_rel_diff", () => PerField(f => f.MaxRelative), null, "Largest relative difference per field");
    }

    public void Publish(ComparisonReport report)
    {
        Volatile.Write(ref _last, report);
        Interlocked.Increment(ref _runs);
    }

    private IEnumerable<Measurement<long>> Missing() =>
        Volatile.Read(ref _last) is { } report
            ? [new Measurement<long>(report.MissingInIngest, Tag("side", "ingest")), new Measurement<long>(report.MissingInQmt, Tag("side", "qmt"))]
            : [];

    private IEnumerable<Measurement<long>> Last(Func<ComparisonReport, long> value) =>
        Volatile.Read(ref _last) is { } report ? [new Measurement<long>(value(report))] : [];

    private IEnumerable<Measurement<T>> PerField<T>(Func<FieldDifferences, T> value) where T : struct =>
        Volatile.Read(ref _last) is { } report
            ? report.Fields.Select(f => new Measurement<T>(value(f), Tag("field", f.Field.ToString().ToLowerInvariant())))
            : [];

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
