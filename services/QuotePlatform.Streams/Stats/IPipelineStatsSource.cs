namespace QuotePlatform.Streams.Stats;

/// <summary>A service's running totals, read by <see cref="PipelineStatsPublisher"/> at every publication.</summary>
public interface IPipelineStatsSource
{
    /// <summary>"relay", "storage-writer".</summary>
    string Service { get; }

    /// <summary>Unique per running instance (host, pod or consumer name).</summary>
    string Instance { get; }

    Task<PipelineTotals> ReadAsync(CancellationToken cancellationToken);
}
