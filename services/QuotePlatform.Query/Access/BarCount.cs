using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Access;

/// <summary>Bars carried by an answer of the read API, for the bars-per-second limit.</summary>
internal static class BarCount
{
    public static int Of(object? message) => message switch
    {
        GetBarsResponse bars => bars.Bars.Count,
        BatchGetBarsResponse batch => batch.Series.Sum(series => series.Bars.Count),
        StreamBarPanelResponse panel => panel.FrameUnixMs.Count,
        SubscribeResponse live => (live.Bars?.Bars.Count ?? 0) + (live.Forming?.Bars.Count ?? 0),
        WatchSymbolResponse watch => (watch.Final?.Bars.Count ?? 0) + (watch.Forming?.Bars.Count ?? 0),
        _ => 0,
    };
}
