using System.Text.RegularExpressions;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>
/// The options sections the services bind (`Section => "Name"` or "Name:Sub" in services/), so that
/// environment variables in the deployment files can be checked against what the code actually reads.
/// </summary>
internal static partial class ConfigurationSections
{
    private static readonly HashSet<string> FrameworkPrefixes = new(StringComparer.Ordinal)
    {
        "ConnectionStrings", "Logging", "Kestrel", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT",
    };

    /// <summary>Section as an environment prefix ("Ingest__Relay") → the source text of the classes binding it.</summary>
    private static readonly Lazy<Dictionary<string, string>> SectionSources = new(Load);

    /// <summary>Null when the variable binds to something the code reads, else why not.</summary>
    public static string? Problem(string variable)
    {
        // OTEL_*: OpenTelemetry's own; XTSIM_*: read by the simulated xtdata module, not by .NET.
        if (variable.StartsWith("OTEL_", StringComparison.Ordinal) || variable.StartsWith("XTSIM_", StringComparison.Ordinal)
            || FrameworkPrefixes.Contains(variable.Split("__")[0]))
        {
            return null;
        }

        var parts = variable.Split("__");
        // The longest section that prefixes the variable: "Ingest__Relay__Url" → "Ingest__Relay", property "Url".
        for (var length = parts.Length - 1; length >= 1; length--)
        {
            var section = string.Join("__", parts[..length]);
            if (SectionSources.Value.TryGetValue(section, out var source))
            {
                return Regex.IsMatch(source, $@"\b{Regex.Escape(parts[length])}\s*\{{\s*get;")
                    ? null
                    : $"{variable}: section '{section.Replace("__", ":", StringComparison.Ordinal)}' has no property '{parts[length]}'";
            }
        }

        return $"{variable}: no options class binds section '{parts[0]}'";
    }

    private static Dictionary<string, string> Load()
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("services"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in SectionName().Matches(text))
            {
                var section = match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal);
                sections[section] = sections.GetValueOrDefault(section, "") + text;
            }
        }

        return sections;
    }

    [GeneratedRegex(@"Section\s*=>\s*""([A-Za-z0-9:]+)""")]
    private static partial Regex SectionName();
}
