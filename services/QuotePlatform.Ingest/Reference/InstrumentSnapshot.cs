using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Reference;

/// <summary>
/// The terminal's reference data of one trading date as batches to publish: every instrument of the sector
/// (get_instrument_detail, get_instrument_type) with its dividend factors (get_divid_factors), a few hundred
/// instruments a batch.
/// </summary>
public static class InstrumentSnapshot
{
    public const int InstrumentsPerBatch = 500;

    internal static List<PublishRequest> Read(XtDataModule xt, IReadOnlyList<string> codes, DateOnly tradingDate, string producerId, long createdUnixMs)
    {
        var requests = new List<PublishRequest>();
        foreach (var chunk in codes.Chunk(InstrumentsPerBatch))
        {
            var factors = xt.DividendFactors(chunk);
            var request = new PublishRequest { ProducerId = producerId, CreatedUnixMs = createdUnixMs };
            request.Instruments.AddRange(xt.InstrumentDetails(chunk, tradingDate).Select(d => Message(d, factors.GetValueOrDefault(d.Symbol) ?? [])));
            if (request.Instruments.Count > 0)
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    // The query service maps stored details the same way (QuotePlatform.Streams' InstrumentMessages); the
    // ingest does not reference that library (the Windows side never talks to Redis).
    private static InstrumentReference Message(InstrumentDetail detail, IEnumerable<DividendEvent> events)
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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
