namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>How the source currently gets data, in order of preference.</summary>
public enum QmtMode
{
    NotConnected,
    WholeQuote,
    PerStockMinuteBars,
    PollingFullTick,
}
