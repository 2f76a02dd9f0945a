namespace QuotePlatform.Storage.Reference;

/// <summary>A symbol with its name, exchange and type as of a date.</summary>
public sealed record SymbolName(string Symbol, string Name, string Exchange, string Type);
