namespace QuotePlatform.Streams.Stats;

/// <summary>What one service instance last published.</summary>
public sealed record PublishedStats(
    string Service,
    string Instance,
    long UpdatedUnixMs,
    long StartedUnixMs,
    double BarsPerSecond,
    PipelineTotals Totals);
