using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Ingest.History;

/// <summary>What an import read and sent.</summary>
internal sealed class HistoryResult(int tradingDays, int symbols)
{
    public int TradingDays { get; } = tradingDays;

    public int Symbols { get; } = symbols;

    public long Bars { get; set; }

    public int ChunksSkipped { get; set; }

    /// <summary>Terminal rows that could not be a bar (no price, negative volume).</summary>
    public long Unusable { get; set; }

    public Dictionary<BarPeriod, long> ByPeriod { get; } = [];
}
