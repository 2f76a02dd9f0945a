using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests.Support;

internal static class YamlExtensions
{
    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(this YamlNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>Every node below <paramref name="node"/>, itself included, depth first.</summary>
    public static IEnumerable<YamlNode> Descendants(this YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode mapping => mapping.Children.Values,
            YamlSequenceNode sequence => sequence.Children,
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }
}
