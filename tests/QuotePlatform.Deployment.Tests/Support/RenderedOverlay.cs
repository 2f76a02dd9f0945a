using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>A k8s/overlays/NAME directory as `kubectl kustomize` renders it: what `kubectl apply` would receive.</summary>
internal sealed class RenderedOverlay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new(StringComparer.Ordinal);

    private RenderedOverlay(string name, IReadOnlyList<YamlMappingNode> resources)
    {
        Name = name;
        Resources = resources;
    }

    public static IReadOnlyList<string> Names { get; } =
        Directory.EnumerateDirectories(Repository.PathOf("k8s/overlays")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public string Name { get; }

    public IReadOnlyList<YamlMappingNode> Resources { get; }

    public static Task<RenderedOverlay> LoadAsync(string name) =>
        Cache.GetOrAdd(name, key => new Lazy<Task<RenderedOverlay>>(() => RenderAsync(key))).Value;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Resources.Where(r => r.Scalar("kind") == kind);

    public YamlMappingNode? Find(string kind, string name) => OfKind(kind).SingleOrDefault(r => NameOf(r) == name);

    public static string NameOf(YamlNode resource) => resource.Child("metadata")?.Scalar("name") ?? "";

    /// <summary>The one ConfigMap the services read (its name carries kustomize's content hash).</summary>
    public YamlMappingNode SettingsMap => OfKind("ConfigMap").Single(r => NameOf(r).StartsWith("quote-platform-", StringComparison.Ordinal));

    public IReadOnlyDictionary<string, string> Settings =>
        ((YamlMappingNode)SettingsMap.Child("data")!).Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? "", StringComparer.Ordinal);

    /// <summary>Every container of every workload, named "Kind/name/container".</summary>
    public IEnumerable<(string Workload, YamlNode Container)> Containers() =>
        from resource in Resources
        let pod = resource.Child("spec")?.Child("template")?.Child("spec")
        where pod is not null
        from container in pod.Child("initContainers").Items().Concat(pod.Child("containers").Items())
        select ($"{resource.Scalar("kind")}/{NameOf(resource)}/{container.Scalar("name")}", container);

    private static async Task<RenderedOverlay> RenderAsync(string name)
    {
        var result = await Tool.RunAsync(Tool.Kubectl, ["kustomize", $"k8s/overlays/{name}"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"kubectl kustomize k8s/overlays/{name}"));
        }

        return new RenderedOverlay(name, Repository.ParseDocuments(result.Output));
    }
}
