using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.History;

/// <summary>Importing past trading days from the terminal (Ingest:Backfill).</summary>
public sealed class HistoryOptions : ISectionOptions
{
    public static string Section => "Ingest:Backfill";

    /// <summary>
    /// At start and after a reconnect the live ingest imports the trading days it missed, at most
    /// this many (the latest ones); 0 turns the gap fill off. A fresh install imports this many.
    /// </summary>
    [Range(0, 250)]
    public int MaxDays { get; set; } = 5;

    /// <summary>1m bars asked from the terminal per call (symbols per chunk = this / (days × 241)).</summary>
    [Range(1_000, 10_000_000)]
    public int BarsPerChunk { get; set; } = 250_000;

    /// <summary>Bars per batch sent to the relay (as Ingest:Batching:MaxItems: one batch stays well under gRPC's 4 MB message limit).</summary>
    [Range(100, 20_000)]
    public int BatchBars { get; set; } = 8_000;

    /// <summary>The calendar sent at start and each morning covers this many days back and 366 days ahead.</summary>
    [Range(7, 3_650)]
    public int CalendarDaysBack { get; set; } = 400;
}
