using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Configuration;

/// <summary>How the ingest reaches the relay (Ingest:Relay).</summary>
public sealed class RelayClientOptions : ISectionOptions, IValidatableObject
{
    public const string ApiKeyHeader = "x-api-key";
    public const string ChannelHeader = "x-producer-channel";

    public static string Section => "Ingest:Relay";

    /// <summary>What every call to the relay carries: the API key when one is set, and the channel when named.</summary>
    public Grpc.Core.Metadata CallHeaders()
    {
        var headers = new Grpc.Core.Metadata();
        if (ApiKey.Length > 0)
        {
            headers.Add(ApiKeyHeader, ApiKey);
        }

        if (Channel.Length > 0)
        {
            headers.Add(ChannelHeader, Channel);
        }

        return headers;
    }

    /// <summary>http://host:port (cleartext HTTP/2) or https://host:port (TLS: the certificate checked against CaFile or the system's CAs).</summary>
    [Required(ErrorMessage = "set Ingest:Relay:Url, e.g. https://relay.example.com:5443")]
    public string Url { get; set; } = "";

    /// <summary>
    /// Secret: from the environment (Ingest__Relay__ApiKey) or user secrets, never from a committed
    /// file. May stay empty when a client certificate (ClientCertificateFile) identifies the producer.
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Informational on the wire: the relay takes the producer identity from the API key.</summary>
    public string ProducerId { get; set; } = Environment.MachineName;

    /// <summary>
    /// Empty for the live ingest. A second sender under the same key (the history import run as its
    /// own process, "backfill") names its channel: the relay then numbers its batches apart.
    /// </summary>
    [RegularExpression("^([A-Za-z0-9_.-]{1,32})?$", ErrorMessage = "must be empty or 1-32 letters, digits, '_', '.' or '-'")]
    public string Channel { get; set; } = "";

    /// <summary>Batches sent and not yet answered; the relay pipelines up to its own Relay:MaxInFlightBatches (8).</summary>
    [Range(1, 1024)]
    public int MaxInFlightBatches { get; set; } = 8;

    /// <summary>First wait before reconnecting; doubles per failed attempt, with jitter, up to ReconnectMaxDelay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For https://: a PEM file of the private CA the relay's certificate must chain to. Empty: the
    /// system's trusted CAs (a public certificate). The host name in Url is checked either way.
    /// </summary>
    public string CaFile { get; set; } = "";

    /// <summary>Mutual TLS, optional: a PEM certificate this producer presents to the relay (with ClientKeyFile).</summary>
    public string ClientCertificateFile { get; set; } = "";

    /// <summary>The PEM private key of ClientCertificateFile.</summary>
    public string ClientKeyFile { get; set; } = "";

    public Uri Address => new(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("must be an http:// or https:// address", [nameof(Url)]);
        }

        foreach (var (name, path) in new[] { (nameof(CaFile), CaFile), (nameof(ClientCertificateFile), ClientCertificateFile), (nameof(ClientKeyFile), ClientKeyFile) })
        {
            if (path.Length > 0 && !File.Exists(path))
            {
                yield return new ValidationResult($"the file {path} does not exist", [name]);
            }
        }

        if (ApiKey.Length == 0 && ClientCertificateFile.Length == 0)
        {
            yield return new ValidationResult(
                "set Ingest:Relay:ApiKey (environment Ingest__Relay__ApiKey), the producer key the relay knows, or a client certificate (ClientCertificateFile)",
                [nameof(ApiKey)]);
        }

        if ((ClientCertificateFile.Length > 0) != (ClientKeyFile.Length > 0))
        {
            yield return new ValidationResult("a client certificate needs both ClientCertificateFile and ClientKeyFile", [nameof(ClientCertificateFile)]);
        }

        if (ReconnectDelay > ReconnectMaxDelay)
        {
            yield return new ValidationResult($"must not exceed ReconnectMaxDelay ({ReconnectMaxDelay})", [nameof(ReconnectDelay)]);
        }
    }
}
