using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Batching;

/// <summary>A feed tick and its book as the wire quote the relay takes (bars map in ContractMapping).</summary>
internal static class QuoteMapping
{
    /// <param name="receivedUnixMs">When the ingest received the push carrying the tick (epoch ms UTC), 0 if unknown.</param>
    public static Quote ToQuote(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs)
    {
        var unitsPerLot = TradingRules.ForCode(symbol).UnitsPerLot;
        var quote = new Quote
        {
            Symbol = symbol,
            TimeUnixMs = tick.TimeUnixMs,
            LastPrice = tick.LastPrice,
            PreviousClose = tick.LastClose,
            Open = book.Open,
            High = tick.High,
            Low = tick.Low,
            VolumeShares = tick.VolumeLots * unitsPerLot,
            AmountCny = tick.Amount,
            StockStatus = tick.Status,
            ReceivedUnixMs = receivedUnixMs,
        };
        AddLevels(quote.Bids, book.BidPrices, book.BidVolumes, unitsPerLot);
        AddLevels(quote.Asks, book.AskPrices, book.AskVolumes, unitsPerLot);
        return quote;
    }

    // The feed pads empty levels with zeros; a quote lists only real ones.
    private static void AddLevels(Google.Protobuf.Collections.RepeatedField<PriceLevel> levels, double[] prices, long[] volumesLots, int unitsPerLot)
    {
        for (var i = 0; i < Math.Min(prices.Length, volumesLots.Length); i++)
        {
            if (prices[i] > 0)
            {
                levels.Add(new PriceLevel { Price = prices[i], VolumeShares = volumesLots[i] * unitsPerLot });
            }
        }
    }
}
