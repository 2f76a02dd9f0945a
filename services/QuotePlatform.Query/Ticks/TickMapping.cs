using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage.Ticks;

namespace QuotePlatform.Query.Ticks;

/// <summary>A row of the tick archive as the wire tick.</summary>
internal static class TickMapping
{
    public static Tick ToTick(TickRow row) => new()
    {
        Symbol = row.Symbol,
        TimeUnixMs = row.TimeUnixMs,
        LastPrice = row.LastPrice,
        Open = row.Open,
        High = row.High,
        Low = row.Low,
        LastClose = row.LastClose,
        AmountCny = row.AmountCny,
        VolumeLots = row.VolumeLots,
        PvolumeShares = row.PVolumeShares,
        StockStatus = row.StockStatus,
        TransactionNum = row.TransactionNum,
        BidPrices = { row.BidPrices },
        BidVolumesLots = { row.BidVolumesLots },
        AskPrices = { row.AskPrices },
        AskVolumesLots = { row.AskVolumesLots },
        ReceivedUnixMs = row.ReceivedUnixMs,
        ClockUnixMs = row.ClockUnixMs,
    };
}
