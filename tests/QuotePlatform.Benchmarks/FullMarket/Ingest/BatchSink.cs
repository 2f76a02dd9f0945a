using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// The final bars the chaos scenarios' producer made between two seals, cut into requests of at
/// most <paramref name="maxItems"/> bars (forming bars and quotes are not sent: only final bars are
/// reconciled after a fault).
/// </summary>
public sealed class BatchSink(int maxItems) : IBarSink
{
    private readonly List<Contracts.MarketData.V1.Bar> _final = [];

    public int PendingFinal => _final.Count;

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            _final.Add(bar.ToContract());
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    public List<PublishRequest> Seal(long createdUnixMs)
    {
        var batches = _final.Chunk(maxItems).Select(chunk => new PublishRequest { CreatedUnixMs = createdUnixMs, Bars = { chunk } }).ToList();
        _final.Clear();
        return batches;
    }
}
