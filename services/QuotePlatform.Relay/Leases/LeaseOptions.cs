using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Relay.Leases;

/// <summary>Hot-standby ingests (Relay:Leases): how long a feed's lease lives without a renewal.</summary>
public sealed class LeaseOptions : ISectionOptions
{
    public static string Section => "Relay:Leases";

    /// <summary>
    /// A holder silent this long loses the lease to a standby. Ingests renew every third of it, so a
    /// failover takes between this and a third more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "00:01:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(3);
}
