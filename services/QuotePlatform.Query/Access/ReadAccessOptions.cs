using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Access;

/// <summary>
/// Who may read bars, quotes and live data (QueryService, LiveService, WatchService). Empty (the
/// default) leaves them open, for a trusted network; the admin key (Query:AdminApiKey) is apart.
/// </summary>
public sealed partial class ReadAccessOptions : ISectionOptions, IValidatableObject
{
    public const int MinKeyLength = 16;

    public static string Section => "Query";

    /// <summary>Query:ReadApiKeys:0:Name and Query:ReadApiKeys:0:Key, ...</summary>
    public List<ReadKey> ReadApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ReadApiKeys.Count; i++)
        {
            var reader = ReadApiKeys[i];
            if (!NamePattern().IsMatch(reader.Name) || !names.Add(reader.Name))
            {
                yield return new ValidationResult("must be 1-64 letters, digits, '_', '.' or '-', and unique", [$"{nameof(ReadApiKeys)}:{i}:{nameof(ReadKey.Name)}"]);
            }

            if (reader.Key.Length < MinKeyLength || !keys.Add(reader.Key))
            {
                yield return new ValidationResult($"must be at least {MinKeyLength} characters, and unique", [$"{nameof(ReadApiKeys)}:{i}:{nameof(ReadKey.Key)}"]);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();
}
