namespace QuotePlatform.Query.Symbols;

/// <summary>A symbol the platform has data for, and where that data is.</summary>
internal sealed record KnownSymbol(string Symbol, bool HasBars, bool HasQuote);
