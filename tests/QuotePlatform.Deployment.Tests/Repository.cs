using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests;

/// <summary>Finds the repository the tests were built from and loads its YAML documents.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(PathOf(relativePath)))
        {
            // Resolves "<<: *anchor" merge keys as docker compose does.
            stream.Load(new MergingParser(new Parser(reader)));
        }

        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    public static IEnumerable<string> KubernetesManifests() =>
        Directory.EnumerateFiles(PathOf("k8s"), "*.yaml").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "quote-platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"quote-platform.sln not found above {AppContext.BaseDirectory}");
    }
}
