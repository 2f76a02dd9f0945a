using System.Diagnostics;

namespace QuotePlatform.Relay.Telemetry;

public static class RelayTelemetry
{
    /// <summary>Name of the relay's meter and activity source (ServiceDefaults listens to "QuotePlatform.*").</summary>
    public const string Name = "QuotePlatform.Relay";

    public static readonly ActivitySource Source = new(Name);
}
