namespace QuotePlatform.Ingest.Configuration;

/// <summary>What moves the bar engine's watermark (Ingest:BarClock).</summary>
public enum BarClock
{
    /// <summary>Data for a replay, Wall for a live source.</summary>
    Auto = 0,

    /// <summary>The wall clock (TimeProvider), checked every Ingest:ClockInterval.</summary>
    Wall = 1,

    /// <summary>The market's latest tick time, advanced before each tick.</summary>
    Data = 2,
}
