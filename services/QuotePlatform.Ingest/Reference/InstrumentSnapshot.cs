using QuotePlatform.ContractMapping;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Instruments;
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
            request.Instruments.AddRange(xt.InstrumentDetails(chunk, tradingDate).Select(d => InstrumentContracts.ToMessage(d, factors.GetValueOrDefault(d.Symbol) ?? [])));
            if (request.Instruments.Count > 0)
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    /// <summary>
    /// Symbols whose details (get_instrument_type, VolumeMultiple) give another type or volume unit than their code's
    /// range, which is what the bar engine goes by from the first tick on: worth a warning, since volume would be off.
    /// </summary>
    public static List<string> DisagreeingWithCodeRange(IEnumerable<InstrumentReference> instruments) =>
    [
        .. instruments
            .Select(InstrumentContracts.ToDetail)
            .Where(d => TradingRules.ForDetail(d) is var detail && TradingRules.ForCode(d.Symbol) is var byCode
                && (detail.Kind != byCode.Kind || detail.UnitsPerLot != byCode.UnitsPerLot))
            .Select(d => d.Symbol),
    ];
}
