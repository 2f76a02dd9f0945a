using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Testing.FullMarket.Market;

/// <summary>
/// One whole-quote push: the instruments that changed, as symbol indexes into
/// <see cref="MarketDay.Symbols"/> and their ticks. The buffers are reused by the next push, so a
/// reader copies what it keeps.
/// </summary>
public sealed class MarketPush(int capacity)
{
    public long TimeUnixMs { get; internal set; }

    public int Count { get; internal set; }

    public int[] SymbolIndexes { get; } = new int[capacity];

    public MarketTick[] Ticks { get; } = new MarketTick[capacity];

    internal void Add(int symbol, in MarketTick tick)
    {
        SymbolIndexes[Count] = symbol;
        Ticks[Count] = tick;
        Count++;
    }
}
