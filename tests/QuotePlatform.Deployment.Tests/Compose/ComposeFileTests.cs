using QuotePlatform.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace QuotePlatform.Deployment.Tests.Compose;

/// <summary>docker-compose.yml checked through Debian's docker-compose (`config` needs no Docker engine).</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] DotnetServices = ["relay", "storage-writer", "query", "ingest"];

    [Fact]
    public async Task Config_WithTheExampleEnvFile_IsAcceptedWithEveryService()
    {
        var result = await ComposeConfig.RunAsync(".env.example", "--profile", "demo", "config", "--services");

        Assert.True(result.ExitCode == 0, result.Describe("docker-compose config"));
        Assert.Equal(
            ["clickhouse", "ingest", "query", "redis", "relay", "storage-writer"],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Config_WithoutSecrets_RefusesAndNamesTheMissingVariable()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var result = await ComposeConfig.RunAsync(empty, "config");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Matches("CLICKHOUSE_PASSWORD|QP_RELAY_API_KEY", result.Error);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task Profiles_OnlyTheIngestIsInTheDemoProfile()
    {
        var compose = await ComposeConfig.LoadAsync();

        // Services without a profile start with a plain `up`; the ingest only with --profile demo.
        Assert.Equal("demo", compose.Service("ingest").Child("profiles").Items().Cast<YamlScalarNode>().Single().Value);
        Assert.All(compose.Services.Where(s => s.Name != "ingest"), s => Assert.Null(s.Service.Child("profiles")));
    }

    [Fact]
    public async Task StorageWriter_ScalesOut_NoContainerNameNoHostPortNoFixedConsumerName()
    {
        var writer = (await ComposeConfig.LoadAsync()).Service("storage-writer");

        Assert.Null(writer.Child("container_name"));
        Assert.Null(writer.Child("ports"));
        // Unset, the consumer name is the container's hostname (its id): unique per replica.
        Assert.Null(writer.Child("environment")?.Child("StorageWriter__ConsumerName"));
        Assert.Null(writer.Child("hostname"));
    }

    [Fact]
    public async Task Services_StartOrder_WaitsForHealthyDependencies()
    {
        var compose = await ComposeConfig.LoadAsync();

        foreach (var name in DotnetServices)
        {
            var dependencies = (YamlMappingNode)compose.Service(name).Child("depends_on")!;
            Assert.NotEmpty(dependencies.Children);
            Assert.All(dependencies.Children, pair => Assert.Equal("service_healthy", pair.Value.Scalar("condition")));
        }

        Assert.All(new[] { "redis", "clickhouse" }, name => Assert.NotNull(compose.Service(name).Child("healthcheck")));
    }

    [Fact]
    public async Task Services_BuiltFromDockerfileTargets_TaggedAsTheKubernetesImages()
    {
        var compose = await ComposeConfig.LoadAsync();
        var targets = Dockerfile.Load().Targets;

        foreach (var name in DotnetServices)
        {
            var service = compose.Service(name);
            Assert.Equal(name, service.Child("build")!.Scalar("target"));
            Assert.Contains(name, targets);
            Assert.Equal($"quote-platform/{name}:latest", service.Scalar("image"));
        }
    }

    [Fact]
    public async Task DemoIngest_PythonLibrary_IsTheOneItsImageInstalls()
    {
        var library = (await ComposeConfig.LoadAsync()).Service("ingest").Child("environment")!.Scalar("Ingest__Qmt__PythonDll")!;
        var version = System.Text.RegularExpressions.Regex.Match(library, @"libpython(3\.\d+)\.so").Groups[1].Value;

        Assert.NotEmpty(version);
        // The packages are a build argument (another base passes its own names); its default is what the image installs.
        var ingest = Dockerfile.Load().Stage("ingest");
        Assert.Contains(ingest.Of("RUN"), run => run.Contains("$PYTHON_PACKAGES", StringComparison.Ordinal));
        Assert.Contains(ingest.Of("ARG"), arg => arg.StartsWith("PYTHON_PACKAGES=", StringComparison.Ordinal) && arg.Contains($" libpython{version}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Datastores_PersistentVolumesAofAndPinnedClickHouse()
    {
        var compose = await ComposeConfig.LoadAsync();
        var redis = compose.Service("redis");
        var clickhouse = compose.Service("clickhouse");

        Assert.Contains("--appendonly", redis.Child("command").Items().Cast<YamlScalarNode>().Select(s => s.Value));
        Assert.Contains(redis.Child("volumes").Items().Cast<YamlScalarNode>(), v => v.Value!.StartsWith("redis-data:/data", StringComparison.Ordinal));
        Assert.Contains(clickhouse.Child("volumes").Items().Cast<YamlScalarNode>(), v => v.Value!.StartsWith("clickhouse-data:/var/lib/clickhouse", StringComparison.Ordinal));
        Assert.Matches(@"^clickhouse/clickhouse-server:26\.\d+$", clickhouse.Scalar("image"));
        Assert.Equal("change-me-to-a-random-password", clickhouse.Child("environment")!.Scalar("CLICKHOUSE_PASSWORD"));
    }

    [Fact]
    public void Source_Secrets_ComeFromTheEnvironmentWithoutDefaults()
    {
        var source = Repository.LoadDocuments("docker-compose.yml").Single();
        var secrets = ((YamlMappingNode)source.Child("services")!).Children.Values
            .Select(service => service.Child("environment"))
            .OfType<YamlMappingNode>()
            .SelectMany(environment => environment.Children)
            .Select(pair => (Key: ((YamlScalarNode)pair.Key).Value!, Value: (pair.Value as YamlScalarNode)?.Value ?? ""))
            .Where(e => e.Key.Contains("ApiKey", StringComparison.OrdinalIgnoreCase)
                || e.Key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
                || e.Value.Contains("Password=", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(secrets);
        // ${NAME:?message}: required, no default that could end up in production.
        Assert.All(secrets, secret => Assert.Matches(@"\$\{[A-Z_]+:\?", secret.Value));
    }

    [Fact]
    public void EnvFile_ExampleCommittedRealOneIgnored()
    {
        Assert.Contains(".env", File.ReadAllLines(Repository.PathOf(".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Repository.PathOf(".dockerignore")));
        var example = File.ReadAllText(Repository.PathOf(".env.example"));
        Assert.Contains("QP_RELAY_API_KEY=", example, StringComparison.Ordinal);
        Assert.Contains("CLICKHOUSE_PASSWORD=", example, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_ServiceSettings_BindToOptionsTheCodeReads()
    {
        var compose = await ComposeConfig.LoadAsync();
        var problems = DotnetServices
            .Select(name => compose.Service(name).Child("environment"))
            .OfType<YamlMappingNode>()
            .SelectMany(environment => environment.Children.Keys.Cast<YamlScalarNode>())
            .Select(key => ConfigurationSections.Problem(key.Value!))
            .OfType<string>();

        Assert.Empty(problems);
    }
}
