using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Bars.CurrentDay;

/// <summary>The current trading day's bars held in memory, fed by the final bar streams, that answer its GetBars (Query:CurrentDay).</summary>
public sealed class CurrentDayOptions : ISectionOptions
{
    public static string Section => "Query:CurrentDay";

    /// <summary>Off: GetBars of the current day reads ClickHouse.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Bars held at most, about 96 bytes each. A whole-market day is about 1.25 M 1m bars and 0.4 M
    /// of the longer periods: the default holds it with room, about 290 MB. Past it the day is let go
    /// (reported, logged) and read from ClickHouse until a newer day begins.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxBars { get; set; } = 3_000_000;

    /// <summary>How often the streams are read when the last read found nothing new.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Pause before loading the day again after Redis or ClickHouse failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
