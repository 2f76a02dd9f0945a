using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Batching;

/// <summary>One symbol's unsent latest values: a forming bar per period (bit set in <see cref="FormingMask"/>) and a quote.</summary>
internal sealed class SymbolLatest(string symbol)
{
    public string Symbol { get; } = symbol;

    /// <summary>Indexed by <see cref="BarPeriod"/>.</summary>
    public Bar[] Forming { get; } = new Bar[(int)BarPeriod.OneDay + 1];

    public int FormingMask { get; set; }

    public bool HasQuote { get; set; }

    public (MarketTick Tick, TickBook Book, long ReceivedUnixMs) Quote { get; set; }

    /// <summary>In the pending list (it got a value since the last flush).</summary>
    public bool Listed { get; set; }

    public bool HasForming(int period) => (FormingMask & (1 << period)) != 0;
}
