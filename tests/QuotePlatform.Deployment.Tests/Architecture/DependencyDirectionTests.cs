using System.Xml.Linq;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Deployment.Tests.Architecture;

/// <summary>
/// Project references point one way (docs/architecture.md draws the graph): deployables use libraries,
/// libraries never use a deployable or the ASP.NET service defaults, and Contracts stays client-only so
/// a client's build output carries no server.
/// </summary>
public sealed class DependencyDirectionTests
{
    // Every project under services/ and tools/ and what it may reference. A new project must be added here.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["QuotePlatform.Configuration"] = [],
        ["QuotePlatform.Domain"] = [],
        ["QuotePlatform.Contracts"] = [],
        ["QuotePlatform.TickSources"] = ["Domain"],
        ["QuotePlatform.ContractMapping"] = ["Contracts", "Domain"],
        ["QuotePlatform.Storage"] = ["Domain", "Configuration"],
        ["QuotePlatform.Streams"] = ["Contracts", "Domain", "Configuration"],
        ["QuotePlatform.ServiceDefaults"] = ["Configuration"],
        ["QuotePlatform.Cli"] = ["Contracts", "ContractMapping", "Domain", "TickSources", "Storage"],
        ["QuotePlatform.Ingest"] = ["Contracts", "ContractMapping", "Domain", "TickSources", "ServiceDefaults"],
        ["QuotePlatform.Relay"] = ["Contracts", "ContractMapping", "Domain", "ServiceDefaults", "Streams"],
        ["QuotePlatform.StorageWriter"] = ["ContractMapping", "Domain", "ServiceDefaults", "Storage", "Streams"],
        ["QuotePlatform.Query"] = ["Contracts", "ContractMapping", "Domain", "ServiceDefaults", "Storage", "Streams"],
        ["QuotePlatform.ClickHouseLocal"] = ["ServiceDefaults"],
    };

    // Projects that may host ASP.NET: the deployables (each serves health and metrics) and the defaults they share.
    private static readonly string[] AspNetHosts =
    [
        "QuotePlatform.ServiceDefaults", "QuotePlatform.Ingest", "QuotePlatform.Relay", "QuotePlatform.StorageWriter",
        "QuotePlatform.Query", "QuotePlatform.ClickHouseLocal",
    ];

    public static TheoryData<string> Projects => new(ProjectNames());

    [Fact]
    public void Services_EveryProject_HasAnEntryInTheAllowedGraph()
    {
        Assert.Equal(Allowed.Keys.Order().ToList(), ProjectNames().Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferences_OnlyThoseTheGraphAllows(string project)
    {
        var referenced = Load(project).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value).Replace("QuotePlatform.", "", StringComparison.Ordinal));

        Assert.All(referenced, name => Assert.True(
            Allowed[project].Contains(name),
            $"{project} references {name}, against the direction in docs/architecture.md"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void AspNetFramework_OnlyInServers(string project)
    {
        var usesAspNet = Load(project).Root!.Attribute("Sdk")!.Value == "Microsoft.NET.Sdk.Web"
            || Load(project).Descendants("FrameworkReference").Any(reference => reference.Attribute("Include")!.Value == "Microsoft.AspNetCore.App");

        Assert.True(!usesAspNet || AspNetHosts.Contains(project), $"{project} is a library or client yet pulls in ASP.NET");
    }

    [Fact]
    public void Contracts_ReferencesOnlyProtobufAndTheGrpcCoreApi()
    {
        var packages = Load("QuotePlatform.Contracts").Descendants("PackageReference")
            .Select(reference => reference.Attribute("Include")!.Value).Order().ToList();

        Assert.Equal(["Google.Protobuf", "Grpc.Core.Api", "Grpc.Tools"], packages);
    }

    [Fact]
    public void CliBuildOutput_CarriesNoAspNetServerOrOpenTelemetry()
    {
        var output = TestRepository.BuildOutputOf("QuotePlatform.Cli");
        Assert.True(File.Exists(Path.Combine(output, "quote.dll")), $"{output} has no quote.dll: build the solution first");

        var server = Directory.GetFiles(output, "*.dll")
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("OpenTelemetry", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var frameworks = File.ReadAllText(Path.Combine(output, "quote.runtimeconfig.json"));

        Assert.Empty(server);
        Assert.DoesNotContain("Microsoft.AspNetCore.App", frameworks, StringComparison.Ordinal);
    }

    // The deployables and libraries (services/) and the development tools (tools/).
    private static IEnumerable<string> ProjectNames() =>
        new[] { "services", "tools" }
            .SelectMany(folder => Directory.GetDirectories(TestRepository.PathOf(folder)))
            .Where(directory => File.Exists(Path.Combine(directory, Path.GetFileName(directory) + ".csproj")))
            .Select(directory => Path.GetFileName(directory));

    private static XDocument Load(string project) =>
        XDocument.Load(Path.Combine(TestRepository.ProjectDirectoryOf(project), project + ".csproj"));
}
