using YamlDotNet.RepresentationModel;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>docker-compose.yml as `docker-compose config` resolves it (anchors merged, variables substituted).</summary>
internal sealed class ComposeConfig
{
    private static readonly Lazy<Task<ComposeConfig>> WithDemo = new(() => LoadAsync("--profile", "demo"));

    private ComposeConfig(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public IEnumerable<(string Name, YamlNode Service)> Services =>
        ((YamlMappingNode)Root.Child("services")!).Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, pair.Value));

    public YamlNode Service(string name) => Services.Single(s => s.Name == name).Service;

    /// <summary>Every service, the demo profile's included, with .env.example's values.</summary>
    public static Task<ComposeConfig> LoadAsync() => WithDemo.Value;

    /// <summary>Runs docker-compose with .env.example as its env file and nothing of the caller's secrets.</summary>
    public static Task<ToolResult> RunAsync(string envFile, params string[] arguments) =>
        Tool.RunAsync(Tool.DockerCompose, ["--env-file", envFile, "--file", "docker-compose.yml", .. arguments], ClearedSecrets);

    private static readonly Dictionary<string, string?> ClearedSecrets = new(StringComparer.Ordinal)
    {
        ["QP_RELAY_API_KEY"] = null,
        ["CLICKHOUSE_PASSWORD"] = null,
        ["QP_ADMIN_API_KEY"] = null,
        ["COMPOSE_PROJECT_NAME"] = null,
    };

    private static async Task<ComposeConfig> LoadAsync(params string[] profile)
    {
        var result = await RunAsync(".env.example", [.. profile, "config"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe("docker-compose config"));
        }

        return new ComposeConfig(Repository.ParseDocuments(result.Output).Single());
    }
}
