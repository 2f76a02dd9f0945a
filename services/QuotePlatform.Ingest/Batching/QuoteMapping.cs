using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Ticks;
using DomainBar = QuotePlatform.Domain.Bars.Bar;

namespace QuotePlatform.Ingest.Batching;

/// <summary>Domain bars and feed ticks as the wire messages the relay takes.</summary>
internal static class WireMapping
{
    private const int SharesPerLot = 100;

    // BarPeriod and BarQuality mirror the proto enums value for value, so a cast maps them.
    public static Bar ToContract(in DomainBar bar) => new()
    {
        Symbol = bar.Symbol,
        Period = (Period)(int)bar.Period,
        FrameUnixMs = bar.FrameUnixMs,
        Open = bar.Open,
        High = bar.High,
        Low = bar.Low,
        Close = bar.Close,
        VolumeShares = bar.VolumeShares,
        AmountCny = Math.Round(bar.AmountCny, 2),
        Final = bar.Final,
        QualityFlags = (uint)bar.Quality,
    };

    /// <param name="receivedUnixMs">When the ingest received the push carrying the tick (epoch ms UTC), 0 if unknown.</param>
    public static Quote ToQuote(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs)
    {
        var quote = new Quote
        {
            Symbol = symbol,
            TimeUnixMs = tick.TimeUnixMs,
            LastPrice = tick.LastPrice,
            PreviousClose = tick.LastClose,
            Open = book.Open,
            High = tick.High,
            Low = tick.Low,
            VolumeShares = tick.VolumeLots * SharesPerLot,
            AmountCny = tick.Amount,
            StockStatus = tick.Status,
            ReceivedUnixMs = receivedUnixMs,
        };
        AddLevels(quote.Bids, book.BidPrices, book.BidVolumes);
        AddLevels(quote.Asks, book.AskPrices, book.AskVolumes);
        return quote;
    }

    // The feed pads empty levels with zeros; a quote lists only real ones.
    private static void AddLevels(Google.Protobuf.Collections.RepeatedField<PriceLevel> levels, double[] prices, long[] volumesLots)
    {
        for (var i = 0; i < Math.Min(prices.Length, volumesLots.Length); i++)
        {
            if (prices[i] > 0)
            {
                levels.Add(new PriceLevel { Price = prices[i], VolumeShares = volumesLots[i] * SharesPerLot });
            }
        }
    }
}
