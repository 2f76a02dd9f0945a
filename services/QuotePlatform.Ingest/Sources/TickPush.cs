using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Sources;

/// <summary>One callback's worth of snapshots (only the instruments that changed), as received.</summary>
/// <param name="ReceivedUnixMs">When the ingest received the push (its own clock), epoch ms UTC.</param>
public sealed record TickPush(long ReceivedUnixMs, IReadOnlyList<SourceTick> Ticks);

/// <summary>One instrument's snapshot: the fields bars are made from, and those a latest quote shows.</summary>
public readonly record struct SourceTick(string Symbol, MarketTick Tick, TickBook Book);
