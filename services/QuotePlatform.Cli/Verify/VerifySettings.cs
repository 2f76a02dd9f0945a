using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Verify;

/// <param name="Symbols">Empty: every symbol with archived ticks that day.</param>
/// <param name="AuctionBar">And <paramref name="Grace"/>: as the ingest ran (Ingest:AuctionBar, Ingest:Grace).</param>
internal sealed record VerifySettings(DateOnly Date, IReadOnlyList<string> Symbols, AuctionBar AuctionBar, TimeSpan Grace, bool Repair);
