using ClickHouse.Driver;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Storage.Ticks;

/// <summary>One row of the tick archive (table ticks), mapped for the driver's POCO insert. Times are epoch ms UTC.</summary>
public sealed record TickRow(
    [property: ClickHouseColumn(Name = "symbol")] string Symbol,
    [property: ClickHouseNotMapped] long TimeUnixMs,
    [property: ClickHouseColumn(Name = "last_price")] double LastPrice,
    [property: ClickHouseColumn(Name = "open")] double Open,
    [property: ClickHouseColumn(Name = "high")] double High,
    [property: ClickHouseColumn(Name = "low")] double Low,
    [property: ClickHouseColumn(Name = "last_close")] double LastClose,
    [property: ClickHouseColumn(Name = "amount_cny")] double AmountCny,
    [property: ClickHouseColumn(Name = "volume_lots")] long VolumeLots,
    [property: ClickHouseColumn(Name = "pvolume_shares")] long PVolumeShares,
    [property: ClickHouseColumn(Name = "stock_status")] int StockStatus,
    [property: ClickHouseColumn(Name = "transaction_num")] long TransactionNum,
    [property: ClickHouseColumn(Name = "bid_prices")] double[] BidPrices,
    [property: ClickHouseColumn(Name = "bid_volumes_lots")] long[] BidVolumesLots,
    [property: ClickHouseColumn(Name = "ask_prices")] double[] AskPrices,
    [property: ClickHouseColumn(Name = "ask_volumes_lots")] long[] AskVolumesLots,
    [property: ClickHouseNotMapped] long ReceivedUnixMs,
    [property: ClickHouseNotMapped] long ClockUnixMs)
{
    [ClickHouseColumn(Name = "time")]
    public DateTime Time => DateTime.UnixEpoch.AddMilliseconds(TimeUnixMs);

    [ClickHouseColumn(Name = "received")]
    public DateTime Received => DateTime.UnixEpoch.AddMilliseconds(ReceivedUnixMs);

    [ClickHouseColumn(Name = "clock")]
    public DateTime Clock => DateTime.UnixEpoch.AddMilliseconds(ClockUnixMs);

    /// <summary>The fields the bar engine takes.</summary>
    public MarketTick ToMarketTick() => new(TimeUnixMs, LastPrice, High, Low, LastClose, AmountCny, VolumeLots, StockStatus);

    public TickBook ToBook() => new(Open, BidPrices, BidVolumesLots, AskPrices, AskVolumesLots, PVolumeShares, TransactionNum);
}
