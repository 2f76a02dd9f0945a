using System.Globalization;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Ingest.History;

/// <summary>What to import: trading days of [From, To], the periods to store, the symbols (all of the sector when empty; the first N when Count is set).</summary>
public sealed record HistoryRequest(DateOnly From, DateOnly To, IReadOnlyList<BarPeriod> Periods, IReadOnlyList<string> Symbols, int? Count, bool Replace)
{
    /// <summary>Names the import in the checkpoint file: a run with other arguments starts afresh.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{string.Join(',', Periods.Select(p => p.ToLabel()))}|{string.Join(',', Symbols)}|{Count}|{Replace}");
}
