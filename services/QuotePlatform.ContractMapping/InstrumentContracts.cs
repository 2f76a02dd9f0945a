using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Reference;

namespace QuotePlatform.ContractMapping;

/// <summary>An instrument's details and dividend events as the InstrumentReference message (ingest to relay, query to clients).</summary>
public static class InstrumentContracts
{
    public static InstrumentReference ToMessage(InstrumentDetail detail, IEnumerable<DividendEvent> events)
    {
        var message = new InstrumentReference
        {
            Symbol = detail.Symbol,
            TradingDate = Iso(detail.TradingDate),
            Name = detail.Name,
            Exchange = detail.Exchange,
            Type = detail.Type,
            ListedDate = detail.ListedOn is { } listed ? Iso(listed) : "",
            PriceTick = detail.PriceTick,
            UpStopPrice = detail.UpStopPrice,
            DownStopPrice = detail.DownStopPrice,
            PreClose = detail.PreClose,
            FloatShares = detail.FloatShares,
            TotalShares = detail.TotalShares,
            VolumeMultiple = detail.VolumeMultiple,
            InstrumentStatus = detail.InstrumentStatus,
        };
        message.DividendFactors.AddRange(events.OrderBy(e => e.ExDate).Select(e => new DividendFactor
        {
            ExDate = Iso(e.ExDate),
            Interest = e.Interest,
            StockBonus = e.StockBonus,
            StockGift = e.StockGift,
            AllotNum = e.AllotNum,
            AllotPrice = e.AllotPrice,
            Gugai = e.Gugai,
            Dr = e.Dr,
        }));
        return message;
    }

    public static InstrumentDetail ToDetail(InstrumentReference r) => new(
        r.Symbol, Date(r.TradingDate), r.Name, r.Exchange, r.Type, r.ListedDate.Length == 0 ? null : Date(r.ListedDate),
        r.PriceTick, r.UpStopPrice, r.DownStopPrice, r.PreClose, r.FloatShares, r.TotalShares, r.VolumeMultiple, r.InstrumentStatus);

    public static DividendEvent ToEvent(DividendFactor f) =>
        new(Date(f.ExDate), f.Interest, f.StockBonus, f.StockGift, f.AllotNum, f.AllotPrice, f.Gugai, f.Dr);

    /// <summary>YYYY-MM-DD; anything else throws <see cref="FormatException"/>.</summary>
    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
