namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>The compared fields of a 1m bar, in <see cref="MinuteBook"/> order.</summary>
public enum BarField
{
    Open = 0,
    High = 1,
    Low = 2,
    Close = 3,
    Volume = 4,
    Amount = 5,
}
