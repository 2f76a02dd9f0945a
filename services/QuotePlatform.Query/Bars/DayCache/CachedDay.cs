using System.Collections.Concurrent;

namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>One (period, Beijing day) of every symbol; null symbols until its first load is done.</summary>
internal sealed class CachedDay(DayKey key)
{
    public DayKey Key => key;

    public ConcurrentDictionary<string, SymbolDay>? Symbols { get; set; }

    /// <summary>When a GetBars was last answered from it (TimeProvider timestamp), for eviction.</summary>
    public long LastRead { get; set; }

    public long Bars => Symbols?.Values.Sum(s => (long)s.Count) ?? 0;
}
