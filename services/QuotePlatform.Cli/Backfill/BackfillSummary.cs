using System.Globalization;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Backfill;

/// <summary>What a backfill found and did, per period.</summary>
internal sealed class BackfillSummary
{
    public int Symbols { get; set; }

    public long MinuteBars { get; set; }

    /// <summary>Roll-up bars written (or, in a dry run, that would be), per period.</summary>
    public SortedDictionary<BarPeriod, long> Written { get; } = [];

    /// <summary>Of those, bars whose window misses some of its 1m bars (flagged partial).</summary>
    public long Partial { get; set; }

    /// <summary>Roll-up bars already stored by the pipeline, left as they are.</summary>
    public long AlreadyStored { get; set; }

    public List<MinuteGap> Gaps { get; } = [];

    /// <summary>Days on which a symbol has no 1m bar at all, by symbol.</summary>
    public SortedDictionary<string, List<DateOnly>> EmptyDays { get; } = new(StringComparer.Ordinal);

    /// <summary>Weekdays of the range a stored calendar closes (holidays): no gaps are looked for on them.</summary>
    public SortedSet<DateOnly> ClosedWeekdays { get; } = [];

    /// <summary>Days counted as trading days only because they are weekdays: no stored calendar covers them.</summary>
    public SortedSet<DateOnly> AssumedDays { get; } = [];

    public long MissingMinutes => Gaps.Sum(g => (long)g.Bars);

    public string Describe(bool dryRun)
    {
        var written = Written.Count == 0 ? "none" : string.Join(' ', Written.Select(p => $"{p.Key.ToLabel()} {p.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Symbols} symbols, {MinuteBars} stored 1m bars; roll-up bars {(dryRun ? "to write (dry run)" : "written")}: {written} ({Partial} partial); already stored: {AlreadyStored}; 1m bars missing: {MissingMinutes} in {Gaps.Count} gaps");
    }
}
