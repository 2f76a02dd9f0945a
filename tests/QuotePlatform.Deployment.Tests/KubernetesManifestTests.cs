using YamlDotNet.RepresentationModel;
using Xunit;

namespace QuotePlatform.Deployment.Tests;

public sealed class KubernetesManifestTests
{
    private static readonly List<(string File, YamlMappingNode Document)> Resources =
        Repository.KubernetesManifests()
            .SelectMany(file => Repository.LoadDocuments(file).Select(document => (Path.GetFileName(file), document)))
            .ToList();

    private static IEnumerable<(string Resource, YamlNode Container)> Containers() =>
        from resource in Resources
        let pod = resource.Document.Child("spec")?.Child("template")?.Child("spec")
        where pod is not null
        from container in pod.Child("containers").Items()
        select (resource.Document.Child("metadata")!.Scalar("name")!, container);

    [Fact]
    public void Resources_AllButTheNamespace_LiveInTheProjectNamespace()
    {
        var misplaced = Resources
            .Where(r => r.Document.Scalar("kind") != "Namespace")
            .Where(r => r.Document.Child("metadata")?.Scalar("namespace") != "quote-platform")
            .Select(r => $"{r.File}: {r.Document.Scalar("kind")} {r.Document.Child("metadata")?.Scalar("name")}");

        Assert.Empty(misplaced);
    }

    [Fact]
    public void Probes_TargetAPortTheContainerDeclares()
    {
        var containers = Containers().ToList();
        Assert.NotEmpty(containers);

        foreach (var (resource, container) in containers)
        {
            var ports = container.Child("ports").Items()
                .SelectMany(port => new[] { port.Scalar("containerPort"), port.Scalar("name") })
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            foreach (var probeName in new[] { "livenessProbe", "readinessProbe" })
            {
                var probe = container.Child(probeName);
                var port = probe?.Child("grpc")?.Scalar("port") ?? probe?.Child("httpGet")?.Scalar("port");
                if (port is not null)
                {
                    Assert.True(ports.Contains(port), $"{resource}: {probeName} uses port {port}, declared: {string.Join(',', ports)}");
                }
            }
        }
    }

    [Fact]
    public void SecretReferences_AreNamedInTheSetupInstructions()
    {
        var instructions = File.ReadAllText(Repository.PathOf("k8s/10-config.yaml"));
        var keys = Resources
            .SelectMany(r => r.Document.Descendants())
            .Select(node => node.Child("secretKeyRef"))
            .OfType<YamlMappingNode>()
            .Select(reference => reference.Scalar("key")!)
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains($"--from-literal={key}=", instructions, StringComparison.Ordinal));
    }

    [Fact]
    public void Environment_ServiceSettings_BindToOptionsTheCodeReads()
    {
        var configMaps = Resources
            .Where(r => r.Document.Scalar("kind") == "ConfigMap")
            .SelectMany(r => ((YamlMappingNode)r.Document.Child("data")!).Children.Keys.Select(key => ((YamlScalarNode)key).Value!));
        var containerVariables = Containers()
            .Where(c => c.Resource is not ("redis" or "clickhouse"))
            .SelectMany(c => c.Container.Child("env").Items().Select(variable => variable.Scalar("name")!))
            .Where(name => name != "CLICKHOUSE_PASSWORD");

        var problems = configMaps.Concat(containerVariables)
            .Select(ConfigurationSections.Problem)
            .OfType<string>();

        Assert.Empty(problems);
    }
}
