using System.Globalization;
using System.Text.RegularExpressions;
using QuotePlatform.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace QuotePlatform.Deployment.Tests.Kubernetes;

/// <summary>What `kubectl kustomize k8s/overlays/NAME` renders, checked as a reviewer would.</summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string[] Services = ["relay", "storage-writer", "query"];

    public static TheoryData<string> Overlays => new(RenderedOverlay.Names);

    [Fact]
    public void Overlays_Directory_HoldsTrialAndProduction()
    {
        Assert.Equal(["production", "trial"], RenderedOverlay.Names);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Render_Overlay_DeploysEveryServiceInTheProjectNamespace(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        Assert.All(Services, service => Assert.NotNull(rendered.Find("Deployment", service)));
        var misplaced = rendered.Resources
            .Where(r => r.Scalar("kind") != "Namespace" && r.Child("metadata")?.Scalar("namespace") != "quote-platform")
            .Select(r => $"{r.Scalar("kind")}/{RenderedOverlay.NameOf(r)}");
        Assert.Empty(misplaced);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Images_EveryContainer_PinnedToAVersionAndBuiltFromADockerfileTarget(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var targets = Dockerfile.Load().Targets;

        foreach (var (workload, container) in rendered.Containers())
        {
            var image = container.Scalar("image") ?? "";
            var tag = image.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.True(tag.Length > 0 && tag != "latest", $"{workload}: image '{image}' has no pinned tag");
            if (image.Contains("quote-platform/", StringComparison.Ordinal))
            {
                var repository = image[..image.LastIndexOf(':')];
                Assert.Contains(repository[(repository.LastIndexOf('/') + 1)..], targets);
            }
        }

        var services = rendered.Containers().Where(c => Services.Any(s => c.Workload == $"Deployment/{s}/{s}")).ToList();
        Assert.Equal(Services.Length, services.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_EveryContainer_ReadinessAndLivenessOnADeclaredPort(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var containers = rendered.Containers().ToList();
        Assert.NotEmpty(containers);

        foreach (var (workload, container) in containers)
        {
            var ports = container.Child("ports").Items()
                .SelectMany(port => new[] { port.Scalar("containerPort"), port.Scalar("name") })
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            foreach (var probeName in new[] { "livenessProbe", "readinessProbe" })
            {
                var probe = container.Child(probeName);
                Assert.True(probe is not null, $"{workload}: no {probeName}");
                var port = probe.Child("grpc")?.Scalar("port") ?? probe.Child("httpGet")?.Scalar("port") ?? probe.Child("tcpSocket")?.Scalar("port");
                if (port is not null)
                {
                    Assert.True(ports.Contains(port), $"{workload}: {probeName} uses port {port}, declared: {string.Join(',', ports)}");
                }
                else
                {
                    Assert.True(probe.Child("exec") is not null, $"{workload}: {probeName} checks nothing");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Resources_EveryContainer_RequestsCpuAndMemoryAndLimitsMemory(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var (workload, container) in rendered.Containers())
        {
            var resources = container.Child("resources");
            Assert.True(resources?.Child("requests")?.Scalar("cpu") is not null, $"{workload}: no CPU request");
            Assert.True(resources?.Child("requests")?.Scalar("memory") is not null, $"{workload}: no memory request");
            Assert.True(resources?.Child("limits")?.Scalar("memory") is not null, $"{workload}: no memory limit");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Services_RunAsNonRootWithoutPrivilegeEscalation(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var service in Services)
        {
            var pod = rendered.Find("Deployment", service)!.Child("spec")!.Child("template")!.Child("spec")!;
            Assert.Equal("true", pod.Child("securityContext")?.Scalar("runAsNonRoot"));
            var container = pod.Child("containers").Items().Single();
            Assert.Equal("false", container.Child("securityContext")?.Scalar("allowPrivilegeEscalation"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Secrets_NoneInPlainText(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        Assert.Empty(rendered.OfKind("Secret"));
        var settings = rendered.OfKind("ConfigMap").SelectMany(map => (map.Child("data") as YamlMappingNode)?.Children.AsEnumerable() ?? [])
            .Select(pair => (Name: ((YamlScalarNode)pair.Key).Value!, Value: (pair.Value as YamlScalarNode)?.Value ?? ""));
        var variables = rendered.Containers().SelectMany(c => c.Container.Child("env").Items()
            .Select(variable => (Name: $"{c.Workload}: {variable.Scalar("name")}", Value: variable.Scalar("value"), From: variable.Child("valueFrom"))))
            .ToList();

        Assert.All(settings, setting => Assert.False(SecretName().IsMatch(setting.Name), $"ConfigMap holds '{setting.Name}'"));
        Assert.All(settings, setting => Assert.False(LiteralSecret().IsMatch(setting.Value), $"ConfigMap '{setting.Name}' holds a literal secret"));
        Assert.All(variables.Where(v => SecretName().IsMatch(v.Name)), variable =>
            Assert.True(variable.From?.Child("secretKeyRef") is not null, $"{variable.Name} is not taken from a Secret"));
        Assert.All(variables.Where(v => v.Value is not null), variable =>
            Assert.False(LiteralSecret().IsMatch(variable.Value!), $"{variable.Name} holds a literal secret: {variable.Value}"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task SecretReferences_AreNamedInTheOperatingGuideSetupCommand(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var readme = File.ReadAllText(Repository.PathOf("docs/operating.md"));
        var keys = rendered.Resources.SelectMany(r => r.Descendants())
            .Select(node => node.Child("secretKeyRef") ?? node.Child("secretTargetRef")?.Items().FirstOrDefault())
            .OfType<YamlMappingNode>()
            .Select(reference => reference.Scalar("key")!)
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains($"--from-literal={key}=", readme, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Environment_ServiceSettings_BindToOptionsTheCodeReads(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var expanded = ExpandedVariables(rendered).ToHashSet(StringComparer.Ordinal);
        var names = rendered.Settings.Keys
            .Concat(ServiceContainers(rendered).SelectMany(c => c.Child("env").Items().Select(variable => variable.Scalar("name")!)))
            .Where(name => !expanded.Contains(name));

        Assert.Empty(names.Select(ConfigurationSections.Problem).OfType<string>());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Environment_Expansions_ReferVariablesDefinedBefore(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var container in ServiceContainers(rendered))
        {
            // Kubernetes expands $(NAME) from envFrom and from env entries above; anything else stays literal.
            var defined = new HashSet<string>(rendered.Settings.Keys, StringComparer.Ordinal);
            foreach (var variable in container.Child("env").Items())
            {
                foreach (Match reference in Expansion().Matches(variable.Scalar("value") ?? ""))
                {
                    Assert.True(defined.Contains(reference.Groups[1].Value),
                        $"{container.Scalar("name")}: {variable.Scalar("name")} uses $({reference.Groups[1].Value}), defined: {string.Join(',', defined)}");
                }

                defined.Add(variable.Scalar("name")!);
            }

            Assert.Contains(container.Child("env").Items().Select(v => v.Scalar("name")).Concat(rendered.Settings.Keys), name => name == "ConnectionStrings__redis");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Disruptions_EveryServiceHasABudgetSelectingItsPods(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var service in Services)
        {
            var budget = rendered.Find("PodDisruptionBudget", service);
            Assert.True(budget is not null, $"no PodDisruptionBudget for {service}");
            var podLabels = rendered.Find("Deployment", service)!.Child("spec")!.Child("template")!.Child("metadata")!.Child("labels")!;
            var selector = (YamlMappingNode)budget.Child("spec")!.Child("selector")!.Child("matchLabels")!;
            Assert.All(selector.Children, pair => Assert.Equal(((YamlScalarNode)pair.Value).Value, podLabels.Scalar(((YamlScalarNode)pair.Key).Value!)));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task GrpcServices_HeadlessServiceForClientSideBalancing(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var service in new[] { "relay", "query" })
        {
            var headless = rendered.Find("Service", $"{service}-headless");
            Assert.True(headless is not null, $"no headless Service for {service}");
            Assert.Equal("None", headless.Child("spec")!.Scalar("clusterIP"));
            Assert.Equal(service, headless.Child("spec")!.Child("selector")!.Scalar("app.kubernetes.io/name"));
        }
    }

    [Fact]
    public async Task Trial_RedisAndClickHouse_SingleReplicaStatefulSetsWithVolumes()
    {
        var rendered = await RenderedOverlay.LoadAsync("trial");

        foreach (var name in new[] { "redis", "clickhouse" })
        {
            var set = rendered.Find("StatefulSet", name);
            Assert.True(set is not null, $"no StatefulSet {name}");
            Assert.Equal("1", set.Child("spec")!.Scalar("replicas"));
            Assert.NotEmpty(set.Child("spec")!.Child("volumeClaimTemplates").Items());
        }

        Assert.Contains("--appendonly", rendered.Find("StatefulSet", "redis")!.Descendants().OfType<YamlScalarNode>().Select(s => s.Value));
        Assert.Matches(@"^clickhouse/clickhouse-server:26\.\d+", rendered.Containers().Single(c => c.Workload.EndsWith("/clickhouse", StringComparison.Ordinal)).Container.Scalar("image"));
        Assert.NotNull(rendered.Find("HorizontalPodAutoscaler", "storage-writer"));
    }

    [Fact]
    public async Task Production_DatabasesExternalClusterLayoutAndLagScaling()
    {
        var rendered = await RenderedOverlay.LoadAsync("production");

        Assert.Empty(rendered.OfKind("StatefulSet"));
        Assert.Equal("quote", rendered.Settings["Storage__ClusterName"]);
        Assert.Null(rendered.Find("HorizontalPodAutoscaler", "storage-writer"));
        Assert.Equal("storage-writer", rendered.Find("ScaledObject", "storage-writer")!.Child("spec")!.Child("scaleTargetRef")!.Scalar("name"));
        Assert.All(rendered.OfKind("Ingress"), ingress => Assert.NotEmpty(ingress.Child("spec")!.Child("tls").Items()));
    }

    [Fact]
    public async Task Production_LagTriggers_CoverEveryShardStreamOfTheWritersGroup()
    {
        var rendered = await RenderedOverlay.LoadAsync("production");
        var shards = int.Parse(rendered.Settings["Streams__ShardCount"], CultureInfo.InvariantCulture);
        var prefix = rendered.Settings["Streams__KeyPrefix"];
        var group = rendered.Settings["StorageWriter__Group"];

        var triggers = rendered.Find("ScaledObject", "storage-writer")!.Child("spec")!.Child("triggers").Items()
            .Where(t => t.Scalar("type") == "redis-cluster-streams")
            .Select(t => t.Child("metadata")!)
            .ToList();

        Assert.All(triggers, t => Assert.Equal(group, t.Scalar("consumerGroup")));
        Assert.All(triggers, t => Assert.True(rendered.Settings.ContainsKey(t.Scalar("addressesFromEnv")!), "the addresses variable is not in the ConfigMap"));
        Assert.Equal(
            Enumerable.Range(0, shards).Select(shard => new QuotePlatform.Streams.StreamKeys(prefix).Bars(shard)),
            triggers.Select(t => t.Scalar("stream")!));
    }

    private static IEnumerable<YamlNode> ServiceContainers(RenderedOverlay rendered) =>
        rendered.Containers().Where(c => Services.Any(s => c.Workload == $"Deployment/{s}/{s}")).Select(c => c.Container);

    /// <summary>Variables only used to assemble another one in the pod ($(NAME)), not read by the code.</summary>
    private static IEnumerable<string> ExpandedVariables(RenderedOverlay rendered) =>
        ServiceContainers(rendered)
            .SelectMany(c => c.Child("env").Items())
            .SelectMany(variable => Expansion().Matches(variable.Scalar("value") ?? "").Select(m => m.Groups[1].Value));

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Expansion();

    [GeneratedRegex("PASSWORD|API_?KEY|SECRET|TOKEN", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>"password=x" or "Password=x" with x not a $(VARIABLE) expansion.</summary>
    [GeneratedRegex(@"password=(?!\$\()[^;,]+", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralSecret();
}
