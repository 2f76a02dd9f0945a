namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>
/// The ingest's 1m bars of a day against QMT's (get_market_data_ex), minute by minute over
/// [<see cref="FromUnixMs"/>, <see cref="ThroughUnixMs"/>] (bar ends): per field how many bars differ
/// and by how much, bars only one side has, and the symbols with the most differences.
/// </summary>
public sealed class ComparisonReport
{
    public required long DayNumber { get; init; }

    public required long FromUnixMs { get; init; }

    public required long ThroughUnixMs { get; init; }

    public int Symbols { get; set; }

    /// <summary>QMT's bars before the ingest's first minute of the day (it was not running): not compared.</summary>
    public long QmtBarsBeforeIngestStart { get; set; }

    /// <summary>Bars both sides have.</summary>
    public long BarsCompared { get; set; }

    /// <summary>Bars with at least one field beyond the tolerance.</summary>
    public long BarsDiffering { get; set; }

    /// <summary>Bars QMT has and the ingest does not (minutes lost on the way in).</summary>
    public long MissingInIngest { get; set; }

    /// <summary>Bars the ingest made and QMT does not have.</summary>
    public long MissingInQmt { get; set; }

    public IReadOnlyList<FieldDifferences> Fields { get; } = [.. Enum.GetValues<BarField>().Select(field => new FieldDifferences(field))];

    /// <summary>Symbols with any difference, most first (at most the configured number).</summary>
    public List<SymbolDifferences> WorstSymbols { get; } = [];

    /// <summary>Symbols with any difference (all, not only the worst listed).</summary>
    public int SymbolsDiffering { get; set; }

    public TimeSpan Elapsed { get; set; }

    public bool Clean => BarsDiffering == 0 && MissingInIngest == 0 && MissingInQmt == 0;

    public FieldDifferences this[BarField field] => Fields[(int)field];
}
