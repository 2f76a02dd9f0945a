using YamlDotNet.RepresentationModel;
using Xunit;

namespace QuotePlatform.Deployment.Tests;

public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Repository.LoadDocuments("docker-compose.yml").Single();

    private static IEnumerable<(string Name, YamlNode Service)> Services() =>
        ((YamlMappingNode)Compose.Child("services")!).Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, pair.Value));

    private static IEnumerable<(string Service, string Key, string Value)> Environment() =>
        from service in Services()
        let environment = service.Service.Child("environment") as YamlMappingNode
        where environment is not null
        from pair in environment.Children
        select (service.Name, ((YamlScalarNode)pair.Key).Value!, (pair.Value as YamlScalarNode)?.Value ?? "");

    [Fact]
    public void Services_BuiltFromSource_NameAnExistingServiceProject()
    {
        var projects = Services()
            .Select(service => service.Service.Child("build")?.Child("args")?.Scalar("PROJECT"))
            .OfType<string>()
            .ToList();

        Assert.Contains("QuotePlatform.Relay", projects);
        Assert.Contains("QuotePlatform.StorageWriter", projects);
        Assert.All(projects, project => Assert.True(
            File.Exists(Repository.PathOf($"services/{project}/{project}.csproj")), $"services/{project}/{project}.csproj is missing"));
    }

    [Fact]
    public void Environment_Secrets_ComeFromTheOperatorsEnvironment()
    {
        var secrets = Environment()
            .Where(e => e.Key.Contains("ApiKey", StringComparison.OrdinalIgnoreCase)
                || e.Key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
                || e.Value.Contains("Password=", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.True(
            secret.Value.Contains("${", StringComparison.Ordinal), $"{secret.Service}: {secret.Key} holds a literal secret"));
    }

    [Fact]
    public void Environment_ServiceSettings_BindToOptionsTheCodeReads()
    {
        var problems = Environment()
            .Where(e => e.Service is not ("redis" or "clickhouse"))
            .Select(e => ConfigurationSections.Problem(e.Key))
            .OfType<string>();

        Assert.Empty(problems);
    }
}
