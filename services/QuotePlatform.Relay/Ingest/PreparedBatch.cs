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

    /// <summary>Hot standby: the sender's feed and lease epoch ("" and 0 for an ingest that runs alone).</summary>
    public string Feed { get; init; } = "";

    public ulong LeaseEpoch { get; init; }

    /// <summary>Per period, the frame through which the sender's final bars are complete: where the feed's stored bars end once written.</summary>
    public IReadOnlyDictionary<Period, long> CompleteThrough { get; init; } = new Dictionary<Period, long>();

    public int AcceptedTicks { get; init; }
}
