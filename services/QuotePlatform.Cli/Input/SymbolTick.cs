using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Input;

/// <summary>A parsed tick and the engine handle of its symbol (-1 when the symbol is invalid).</summary>
internal readonly record struct SymbolTick(int Handle, MarketTick Tick);
