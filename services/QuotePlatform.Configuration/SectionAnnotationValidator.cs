using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace QuotePlatform.Configuration;

/// <summary>Data-annotation validation whose failures name the full key, e.g. "Relay:ShardCount".</summary>
public sealed class SectionAnnotationValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISectionOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
            $"{TOptions.Section}:{string.Join(',', result.MemberNames)}: {result.ErrorMessage}"));
    }
}
