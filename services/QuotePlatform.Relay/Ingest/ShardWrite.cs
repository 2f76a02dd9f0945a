using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Relay.Ingest;

/// <summary>The accepted items of one batch that belong to one shard: written by one script call.</summary>
public sealed class ShardWrite(int shard)
{
    public int Shard { get; } = shard;

    public BarBatch Final { get; } = new();

    public BarBatch Forming { get; } = new();

    public List<Quote> Quotes { get; } = [];

    public TickBatch Ticks { get; } = new();
}
