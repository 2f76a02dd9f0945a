using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Ingest.Leases;

/// <summary>Where a feed's stored bars end, per period, as the relay tells it.</summary>
public static class StoredFrames
{
    public static IReadOnlyDictionary<Period, long> From(IEnumerable<StoredFrame> stored) =>
        stored.GroupBy(s => s.Period).ToDictionary(g => g.Key, g => g.Max(s => s.FrameUnixMs));

    /// <summary>The feed has this bar's frame already (a forming bar of such a frame is stale as well).</summary>
    public static bool Covers(IReadOnlyDictionary<Period, long> storedThrough, Bar bar) =>
        storedThrough.TryGetValue(bar.Period, out var through) && bar.FrameUnixMs <= through;

    /// <summary>Every final bar of the batch is stored already: a standby may let the batch go.</summary>
    public static bool CoverAll(IReadOnlyDictionary<Period, long> storedThrough, PublishRequest batch) =>
        batch.Bars.All(bar => !bar.Final || Covers(storedThrough, bar));
}
