using System.Text.RegularExpressions;

namespace QuotePlatform.Deployment.Tests;

/// <summary>
/// The options sections the services bind (`Section => "Name"` in services/), so that environment
/// variables in the deployment files can be checked against what the code actually reads.
/// </summary>
internal static partial class ConfigurationSections
{
    private static readonly HashSet<string> FrameworkPrefixes = new(StringComparer.Ordinal)
    {
        "ConnectionStrings", "Logging", "Kestrel", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT",
    };

    private static readonly Lazy<Dictionary<string, string>> SectionSources = new(Load);

    /// <summary>Null when the variable binds to something the code reads, else why not.</summary>
    public static string? Problem(string variable)
    {
        if (variable.StartsWith("OTEL_", StringComparison.Ordinal) || FrameworkPrefixes.Contains(variable.Split("__")[0]))
        {
            return null;
        }

        var parts = variable.Split("__");
        if (!SectionSources.Value.TryGetValue(parts[0], out var source))
        {
            return $"{variable}: no options class binds section '{parts[0]}'";
        }

        return parts.Length < 2 || Regex.IsMatch(source, $@"\b{Regex.Escape(parts[1])}\s*\{{\s*get;")
            ? null
            : $"{variable}: section '{parts[0]}' has no property '{parts[1]}'";
    }

    private static Dictionary<string, string> Load()
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("services"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in SectionName().Matches(text))
            {
                sections[match.Groups[1].Value] = sections.GetValueOrDefault(match.Groups[1].Value, "") + text;
            }
        }

        return sections;
    }

    [GeneratedRegex(@"Section\s*=>\s*""([A-Za-z0-9]+)""")]
    private static partial Regex SectionName();
}
