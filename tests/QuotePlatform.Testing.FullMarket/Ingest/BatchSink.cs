using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Ingest.Batching;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// The final bars and accepted ticks the chaos scenarios' producer made between two seals, cut into
/// requests of at most <paramref name="maxItems"/> items (forming bars and quotes are not sent: only
/// final bars and the tick archive are reconciled after a fault).
/// </summary>
public sealed class BatchSink(int maxItems) : IBarSink
{
    private readonly List<Contracts.MarketData.V1.Bar> _final = [];
    private readonly List<Contracts.MarketData.V1.Tick> _ticks = [];

    public void AddTick(Contracts.MarketData.V1.Tick tick) => _ticks.Add(tick);

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
        var batches = _final.Chunk(maxItems).Select(chunk => new PublishRequest { CreatedUnixMs = createdUnixMs, Bars = { chunk } })
            .Concat(_ticks.Chunk(maxItems).Select(chunk => new PublishRequest { CreatedUnixMs = createdUnixMs, Ticks = { chunk } }))
            .ToList();
        _final.Clear();
        _ticks.Clear();
        return batches;
    }
}
