namespace QuotePlatform.Cli.Connection;

/// <summary>An address and where it came from, so an error can say which setting to fix.</summary>
internal sealed record Endpoint(Uri Address, string Source)
{
    public override string ToString() => $"{Address} (from {Source})";
}
