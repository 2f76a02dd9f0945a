using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Access;

/// <summary>
/// Limits per client (its read key's name, or its address when the API is open), so one client
/// cannot starve the others or the storage writer. 0 switches a limit off. Rates allow a burst of
/// one second's worth.
/// </summary>
public sealed class ClientLimitOptions : ISectionOptions
{
    public static string Section => "Query:ClientLimits";

    /// <summary>Live subscriptions (Subscribe, WatchSymbol) open at once.</summary>
    [Range(0, 1_000_000)]
    public int MaxLiveSubscriptions { get; set; } = 256;

    /// <summary>Calls started per second (fractions allowed: 0.5 is one call every 2 seconds).</summary>
    [Range(0, 1_000_000)]
    public double RequestsPerSecond { get; set; } = 1000;

    /// <summary>
    /// Bars sent per second. A call is refused while the client is over it; a stream already
    /// running is slowed down to it instead of being cut.
    /// </summary>
    [Range(0, 1_000_000_000)]
    public double BarsPerSecond { get; set; } = 20_000_000;

    /// <summary>
    /// A refused call is answered after this long: a client that retries at once then waits instead
    /// of keeping the service busy refusing it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RefusalDelay { get; set; } = TimeSpan.FromSeconds(1);
}
