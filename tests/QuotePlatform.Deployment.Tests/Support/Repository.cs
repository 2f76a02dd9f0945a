using QuotePlatform.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>Loads the repository's YAML documents.</summary>
internal static class Repository
{
    public static string PathOf(string relative) => TestRepository.PathOf(relative);

    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string relativePath) =>
        ParseDocuments(File.ReadAllText(PathOf(relativePath)));

    /// <summary>Every non-empty document of a YAML stream (e.g. rendered manifests).</summary>
    public static IReadOnlyList<YamlMappingNode> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            // Resolves "<<: *anchor" merge keys as docker compose does.
            stream.Load(new MergingParser(new Parser(reader)));
        }

        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToList();
    }
}
