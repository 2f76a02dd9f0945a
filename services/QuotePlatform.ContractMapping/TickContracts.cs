using QuotePlatform.Domain.Ticks;
using WireTick = QuotePlatform.Contracts.MarketData.V1.Tick;

namespace QuotePlatform.ContractMapping;

/// <summary>Archived ticks between the wire and the domain: the fields bars are made from, and the rest.</summary>
public static class TickContracts
{
    /// <param name="receivedUnixMs">When the push carrying the tick arrived (ingest clock), epoch ms UTC.</param>
    /// <param name="clockUnixMs">The bar engine's clock when it took the tick, epoch ms UTC.</param>
    public static WireTick ToContract(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs, long clockUnixMs)
    {
        var wire = new WireTick
        {
            Symbol = symbol,
            TimeUnixMs = tick.TimeUnixMs,
            LastPrice = tick.LastPrice,
            Open = book.Open,
            High = tick.High,
            Low = tick.Low,
            LastClose = tick.LastClose,
            AmountCny = tick.Amount,
            VolumeLots = tick.VolumeLots,
            PvolumeShares = book.PVolume,
            StockStatus = tick.Status,
            TransactionNum = book.TransactionNum,
            ReceivedUnixMs = receivedUnixMs,
            ClockUnixMs = clockUnixMs,
        };
        wire.BidPrices.Add(book.BidPrices);
        wire.BidVolumesLots.Add(book.BidVolumes);
        wire.AskPrices.Add(book.AskPrices);
        wire.AskVolumesLots.Add(book.AskVolumes);
        return wire;
    }

    /// <summary>The fields the bar engine takes.</summary>
    public static MarketTick ToMarketTick(this WireTick tick) => new(
        tick.TimeUnixMs, tick.LastPrice, tick.High, tick.Low, tick.LastClose, tick.AmountCny, tick.VolumeLots, tick.StockStatus);

    public static TickBook ToBook(this WireTick tick) => new(
        tick.Open, [.. tick.BidPrices], [.. tick.BidVolumesLots], [.. tick.AskPrices], [.. tick.AskVolumesLots], tick.PvolumeShares, tick.TransactionNum);
}
