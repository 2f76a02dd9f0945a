namespace QuotePlatform.Relay.Options;

/// <summary>One producer allowed to publish: its id (stamped on every entry), its API key and/or its client certificate's name.</summary>
public sealed class ProducerCredential
{
    public string Id { get; set; } = "";

    /// <summary>Secret: set from environment variables or a secret store, never from the repository.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// Mutual TLS: the common name (CN) of the client certificate this producer may present instead
    /// of an API key, issued by Relay:ClientCertificateCaFile.
    /// </summary>
    public string ClientCertificateName { get; set; } = "";
}
