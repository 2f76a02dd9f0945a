using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// Latest quotes for the stand-in ingest. Bars go through the ingest's own WireMapping, so stored
/// values and the offline expectation compare exactly.
/// </summary>
public static class Wire
{
    private const int SharesPerLot = 100;
    private const int BookLevels = 5;

    /// <summary>A latest quote with a five-level book one price tick apart around the last price.</summary>
    public static Quote ToQuote(string symbol, in MarketTick tick, double open)
    {
        var quote = new Quote
        {
            Symbol = symbol,
            TimeUnixMs = tick.TimeUnixMs,
            LastPrice = tick.LastPrice,
            PreviousClose = tick.LastClose,
            Open = open,
            High = tick.High,
            Low = tick.Low,
            VolumeShares = tick.VolumeLots * SharesPerLot,
            AmountCny = tick.Amount,
            StockStatus = tick.Status,
        };
        for (var level = 0; level < BookLevels; level++)
        {
            quote.Bids.Add(new PriceLevel { Price = Math.Round(tick.LastPrice - (level * 0.01), 2), VolumeShares = (level + 1) * 1_000 });
            quote.Asks.Add(new PriceLevel { Price = Math.Round(tick.LastPrice + ((level + 1) * 0.01), 2), VolumeShares = (level + 1) * 1_100 });
        }

        return quote;
    }
}
