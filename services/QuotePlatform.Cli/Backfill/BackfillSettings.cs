using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Backfill;

/// <param name="Symbols">Symbols to work on; empty: every symbol with 1m bars stored in the range.</param>
/// <param name="Layout">Which 1m bars a day should have (240, or 241 with QMT's 09:30 auction bar).</param>
/// <param name="DryRun">Report what would be written, write nothing.</param>
internal sealed record BackfillSettings(DateOnly From, DateOnly To, IReadOnlyList<string> Symbols, AuctionBar Layout, bool DryRun);
