using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Bars;

internal static class BarMapping
{
    /// <summary>A stored bar as the API returns it; everything stored is final.</summary>
    public static Bar ToBar(this BarRow row) => new()
    {
        Symbol = row.Symbol,
        Period = (Period)row.Period,
        FrameUnixMs = row.FrameUnixMs,
        Open = row.Open,
        High = row.High,
        Low = row.Low,
        Close = row.Close,
        VolumeShares = row.VolumeShares,
        AmountCny = row.AmountCny,
        Final = true,
        QualityFlags = row.QualityFlags,
    };
}
