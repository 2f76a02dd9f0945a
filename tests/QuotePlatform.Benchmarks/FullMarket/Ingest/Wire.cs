using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Ticks;
using DomainBar = QuotePlatform.Domain.Bars.Bar;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// Domain bars and ticks as the relay's wire messages, mapped as the ingest maps them (amount to
/// the fen). The offline expectation goes through the same mapping, so stored values compare exactly.
/// </summary>
public static class Wire
{
    private const int SharesPerLot = 100;
    private const int BookLevels = 5;

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
