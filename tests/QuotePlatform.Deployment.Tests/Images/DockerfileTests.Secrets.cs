using System.Text;
using System.Text.RegularExpressions;
using QuotePlatform.Deployment.Tests.Support;
using Xunit;

namespace QuotePlatform.Deployment.Tests.Images;

/// <summary>What goes into an image holds none of the keys the tests use: keys come from the environment.</summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [MemberData(nameof(Images))]
    public async Task PublishScript_Output_HoldsNoKeyTheTestsUse(string target, string project)
    {
        var keys = KeysInTests();
        // The search finds what it looks for: the admin key the query tests use is among them.
        Assert.Contains("test-admin-key-0123456789", keys);

        await PublishedAsync(project, output =>
        {
            var found = new List<string>();
            foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
            {
                var bytes = File.ReadAllBytes(file);
                // Assemblies hold string literals as UTF-16; configuration and scripts as UTF-8.
                found.AddRange(keys
                    .Where(key => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(key)) >= 0)
                    .Select(key => $"{Path.GetRelativePath(output, file)}: {key}"));
            }

            Assert.True(found.Count == 0, $"the {target} image would carry keys of the tests:\n{string.Join('\n', found)}");
        });
    }

    /// <summary>
    /// String literals of 16 characters or more the tests give to something named like a key
    /// ("...Key = \"...\"", ["...ApiKey"] = "...", { "x-api-key", "..." }).
    /// </summary>
    private static HashSet<string> KeysInTests()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("tests"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in KeyLiteral().Matches(File.ReadAllText(file)))
            {
                keys.Add(match.Groups["key"].Value);
            }
        }

        return keys;
    }

    [GeneratedRegex(@"(?:Key\s*=\s*|Key""\]\s*=\s*|""x-(?:api|admin)-key"",\s*)""(?<key>[^""{}\s]{16,})""")]
    private static partial Regex KeyLiteral();
}
