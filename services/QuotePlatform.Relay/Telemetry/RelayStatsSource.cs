using QuotePlatform.Streams.Stats;

namespace QuotePlatform.Relay.Telemetry;

/// <summary>The relay's totals for the admin API's pipeline statistics (the same numbers as its log report).</summary>
public sealed class RelayStatsSource(RelayMetrics metrics) : IPipelineStatsSource
{
    public string Service => "relay";

    public string Instance { get; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod
        ? pod
        : $"{Environment.MachineName}-{Environment.ProcessId}";

    public Task<PipelineTotals> ReadAsync(CancellationToken cancellationToken)
    {
        var totals = metrics.SinceStart;
        var extra = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["batches_total"] = totals.Batches,
            ["quotes_total"] = totals.Quotes,
            ["redis_write_avg_ms"] = totals.RedisAverage.TotalMilliseconds,
            ["redis_write_max_ms"] = totals.RedisMax.TotalMilliseconds,
        };
        foreach (var (reason, count) in metrics.RejectedByReason)
        {
            extra[$"rejected_{reason}_total"] = count;
        }

        return Task.FromResult(new PipelineTotals(
            totals.Bars,
            totals.FailedBatches,
            totals.Rejected,
            LagEntries: 0,
            PendingEntries: 0,
            metrics.LastWriteUnixMs,
            extra));
    }
}
