using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using QuotePlatform.Configuration;

namespace QuotePlatform.Relay.Options;

public sealed partial class RelayOptions : ISectionOptions, IValidatableObject
{
    public const int MinApiKeyLength = 16;

    public static string Section => "Relay";

    /// <summary>Producers and their API keys (Relay:Producers:0:Id, Relay:Producers:0:ApiKey, ...).</summary>
    public List<ProducerCredential> Producers { get; set; } = [];

    /// <summary>
    /// Mutual TLS, optional: a PEM file of the CA that issues producers' client certificates. Set, the
    /// relay's TLS endpoints ask for a client certificate, and a producer whose certificate's name is
    /// its ClientCertificateName needs no API key.
    /// </summary>
    public string ClientCertificateCaFile { get; set; } = "";

    /// <summary>Batch sequences remembered per producer and shard to recognise a resend.</summary>
    [Range(1, 10_000_000)]
    public int DedupWindowBatches { get; set; } = 10_000;

    /// <summary>A producer silent for this long is forgotten (its dedup keys expire).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DedupRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Batches of one call written to Redis but not yet acknowledged (pipelining depth).</summary>
    [Range(1, 1024)]
    public int MaxInFlightBatches { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Required]
    public TrimmingOptions Trimming { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Producers.Count == 0)
        {
            yield return new ValidationResult(
                "no producer is configured: set Relay:Producers:0:Id and Relay:Producers:0:ApiKey (e.g. environment Relay__Producers__0__ApiKey)",
                [nameof(Producers)]);
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Producers.Count; i++)
        {
            var producer = Producers[i];
            if (!ProducerIdPattern().IsMatch(producer.Id))
            {
                yield return new ValidationResult("must be letters, digits, '_', '.', '-' (1-64)", [$"{nameof(Producers)}:{i}:{nameof(ProducerCredential.Id)}"]);
            }

            if (producer.ApiKey.Length == 0 && producer.ClientCertificateName.Length > 0)
            {
                if (ClientCertificateCaFile.Length == 0)
                {
                    yield return new ValidationResult("needs Relay:ClientCertificateCaFile, the CA that issues client certificates", [$"{nameof(Producers)}:{i}:{nameof(ProducerCredential.ClientCertificateName)}"]);
                }
            }
            else if (producer.ApiKey.Length < MinApiKeyLength)
            {
                yield return new ValidationResult($"must be at least {MinApiKeyLength} characters (or give ClientCertificateName instead)", [$"{nameof(Producers)}:{i}:{nameof(ProducerCredential.ApiKey)}"]);
            }
            else if (!seenKeys.Add(producer.ApiKey))
            {
                yield return new ValidationResult("is used by another producer", [$"{nameof(Producers)}:{i}:{nameof(ProducerCredential.ApiKey)}"]);
            }
        }

        foreach (var result in ValidateTrimming())
        {
            yield return result;
        }
    }

    // DataAnnotations does not descend into nested objects: validate the subsection explicitly.
    private IEnumerable<ValidationResult> ValidateTrimming()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Trimming, new ValidationContext(Trimming), results, validateAllProperties: true);
        return results.Select(result => new ValidationResult(
            result.ErrorMessage, result.MemberNames.Select(member => $"{nameof(Trimming)}:{member}").ToArray()));
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ProducerIdPattern();
}
