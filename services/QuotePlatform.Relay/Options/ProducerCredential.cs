namespace QuotePlatform.Relay.Options;

/// <summary>One producer allowed to publish: its id (stamped on every entry) and its API key.</summary>
public sealed class ProducerCredential
{
    public string Id { get; set; } = "";

    /// <summary>Secret: set from environment variables or a secret store, never from the repository.</summary>
    public string ApiKey { get; set; } = "";
}
