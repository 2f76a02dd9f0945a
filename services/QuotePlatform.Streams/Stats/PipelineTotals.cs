namespace QuotePlatform.Streams.Stats;

/// <summary>Totals since the instance started, plus its current backlog.</summary>
/// <param name="Bars">Bars the instance moved on (relay: written to Redis; storage writer: inserted).</param>
/// <param name="Errors">Failed batches or inserts.</param>
/// <param name="Rejected">Items refused by validation.</param>
/// <param name="LastWriteUnixMs">Last successful write downstream, 0 when none yet.</param>
/// <param name="Extra">Further numbers by name (totals end in "_total", rates in "_per_second").</param>
public sealed record PipelineTotals(
    long Bars, long Errors, long Rejected, long LagEntries, long PendingEntries, long LastWriteUnixMs, IReadOnlyDictionary<string, double> Extra);
