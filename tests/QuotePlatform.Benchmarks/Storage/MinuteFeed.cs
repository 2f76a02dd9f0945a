using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.Storage;

/// <summary>Synthetic full-market minutes for the storage and query benchmarks.</summary>
internal static class MinuteFeed
{
    /// <summary>The benchmarks' symbol of an index: 600000.SH, 600001.SH, ...</summary>
    public static string Symbol(int index) => $"{600000 + index:D6}.SH";

    /// <summary>One full-market minute of final 1m bars as the relay writes it: one entry per shard.</summary>
    public static async Task PublishAsync(IDatabase db, StreamKeys keys, ShardRouter router, int symbols, long frame, int sequence)
    {
        var batches = Enumerable.Range(0, router.ShardCount).Select(_ => new BarBatch()).ToArray();
        for (var s = 0; s < symbols; s++)
        {
            var symbol = Symbol(s);
            var price = 10 + (s % 100);
            batches[router.ShardOf(symbol)].Bars.Add(new Bar
            {
                Symbol = symbol,
                Period = Period._1M,
                FrameUnixMs = frame,
                Open = price,
                High = price + 0.2,
                Low = price - 0.1,
                Close = price + 0.1,
                VolumeShares = 1000 + sequence,
                AmountCny = price * (1000 + sequence),
                Final = true,
            });
        }

        await Task.WhenAll(batches.Select((batch, shard) =>
            db.StreamAddAsync(keys.Bars(shard), new BarStreamEntry(batch, "bench", (ulong)sequence, 0, "").ToFields())));
    }
}
