using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Admin;

public sealed class AdminOptions : ISectionOptions
{
    public static string Section => "Query";

    /// <summary>
    /// The credential admin calls present in the "x-admin-key" header. From the environment
    /// (Query__AdminApiKey) or a secret store, never from the repository.
    /// </summary>
    [Required(ErrorMessage = "set the admin API key (at least 16 characters), e.g. environment variable Query__AdminApiKey")]
    [MinLength(16, ErrorMessage = "the admin API key must have at least 16 characters")]
    public string AdminApiKey { get; set; } = "";
}
