using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Relay.Ingest;

/// <summary>A validated batch split by shard, with the calendars and instruments to pass on and what was refused and why.</summary>
public sealed record PreparedBatch(
    ulong Sequence,
    long CreatedUnixMs,
    IReadOnlyList<ShardWrite> Shards,
    int AcceptedBars,
    int AcceptedQuotes,
    IReadOnlyList<TradingCalendar> Calendars,
    IReadOnlyList<Rejection> Rejections)
{
    public IReadOnlyList<InstrumentReference> Instruments { get; init; } = [];

    public int AcceptedTicks { get; init; }
}
