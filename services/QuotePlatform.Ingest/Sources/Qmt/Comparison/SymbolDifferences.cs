namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>One symbol's share of the differences: for the worst-offenders list.</summary>
/// <param name="WorstField">The field with the largest relative difference, and that difference.</param>
public sealed record SymbolDifferences(string Symbol, int BarsDiffering, int MissingInIngest, int MissingInQmt, BarField WorstField, double WorstRelative, long WorstFrameUnixMs)
{
    public int Total => BarsDiffering + MissingInIngest + MissingInQmt;
}
