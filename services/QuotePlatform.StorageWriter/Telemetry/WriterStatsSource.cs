using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.StorageWriter.Telemetry;

/// <summary>
/// The writer's totals (the numbers of its periodic report) for the admin API, with the group's
/// backlog read fresh at each publication rather than the report's minute-old one.
/// </summary>
public sealed class WriterStatsSource(WriterMetrics metrics, ConsumerGroupReader reader) : IPipelineStatsSource
{
    public string Service => "storage-writer";

    public string Instance => reader.Consumer;

    public async Task<PipelineTotals> ReadAsync(CancellationToken cancellationToken)
    {
        var backlog = await reader.BacklogAsync(cancellationToken);
        var extra = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["consumed_total"] = metrics.Consumed,
            ["dead_lettered_total"] = metrics.DeadLettered,
            ["insert_success_ratio"] = metrics.SuccessRatio,
            ["symbols"] = metrics.Symbols,
        };
        foreach (var (reason, count) in metrics.RejectedByReason)
        {
            extra[$"rejected_{reason}_total"] = count;
        }

        return new PipelineTotals(
            metrics.Inserted,
            metrics.InsertErrors,
            metrics.QualityErrors,
            backlog.Lag,
            backlog.Pending,
            metrics.LastInsert?.ToUnixTimeMilliseconds() ?? 0,
            extra);
    }
}
