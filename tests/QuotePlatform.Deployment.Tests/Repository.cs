using QuotePlatform.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests;

/// <summary>Loads the repository's YAML documents.</summary>
internal static class Repository
{
    public static string PathOf(string relative) => TestRepository.PathOf(relative);

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
}
