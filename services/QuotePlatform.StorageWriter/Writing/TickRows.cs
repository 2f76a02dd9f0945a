using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage.Ticks;

namespace QuotePlatform.StorageWriter.Writing;

/// <summary>A wire tick as a row of the tick archive.</summary>
public static class TickRows
{
    public static TickRow From(Tick tick) => new(
        tick.Symbol,
        tick.TimeUnixMs,
        tick.LastPrice,
        tick.Open,
        tick.High,
        tick.Low,
        tick.LastClose,
        tick.AmountCny,
        tick.VolumeLots,
        tick.PvolumeShares,
        tick.StockStatus,
        tick.TransactionNum,
        [.. tick.BidPrices],
        [.. tick.BidVolumesLots],
        [.. tick.AskPrices],
        [.. tick.AskVolumesLots],
        tick.ReceivedUnixMs,
        tick.ClockUnixMs);
}
