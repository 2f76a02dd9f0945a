using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>The in-memory cache of whole days of bars that answers GetBars for one day (Query:DayCache).</summary>
public sealed class DayCacheOptions : ISectionOptions
{
    public static string Section => "Query:DayCache";

    /// <summary>Off: every GetBars reads ClickHouse.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Bars held in all, about 70 bytes each: the default holds two whole-market days of 1m bars
    /// (2 × 1.25 M) plus their roll-ups, about 200 MB. The least recently read day goes first.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxBars { get; set; } = 3_000_000;

    /// <summary>
    /// How often each cached day is compared with ClickHouse (rows and versions per symbol); a symbol
    /// whose stored bars changed is answered from ClickHouse until it is read again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
