using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Bars;

internal static class PanelMapping
{
    /// <summary>A block of stored bars as one panel message (lists copy into the packed fields whole).</summary>
    public static StreamBarPanelResponse ToPanelMessage(this BarBlock block) => new()
    {
        Symbols = { block.Symbols },
        BarCounts = { block.BarCounts },
        FrameUnixMs = { block.FrameUnixMs },
        Open = { block.Open },
        High = { block.High },
        Low = { block.Low },
        Close = { block.Close },
        VolumeShares = { block.VolumeShares },
        AmountCny = { block.AmountCny },
        QualityFlags = { block.QualityFlags },
    };
}
