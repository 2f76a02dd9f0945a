using System.Text.Json.Nodes;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Runtime;

/// <summary>
/// The runtime settings that keep the writer's memory flat over a live day (see the csproj) travel
/// in its runtimeconfig.json, which dev.sh, the test harness, the Docker image and k8s all run with.
/// </summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_BuiltWriter_WorkstationGcWithoutTiering()
    {
        var properties = ConfigProperties();

        Assert.Equal(false, (bool?)properties["System.GC.Server"]);
        Assert.Equal(false, (bool?)properties["System.Runtime.TieredCompilation"]);
    }

    private static JsonObject ConfigProperties()
    {
        // Beside the writer's own binary, in the configuration these tests were built in (as ServiceProcess runs it).
        var path = Path.Combine(TestRepository.BuildOutputOf("QuotePlatform.StorageWriter"), "QuotePlatform.StorageWriter.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: build the storage writer first");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        return json["runtimeOptions"]!["configProperties"]!.AsObject();
    }
}
