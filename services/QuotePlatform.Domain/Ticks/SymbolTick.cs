
namespace QuotePlatform.Domain.Ticks;

/// <summary>A parsed tick and the engine handle of its symbol (-1 when the symbol is invalid).</summary>
public readonly record struct SymbolTick(int Handle, MarketTick Tick);
