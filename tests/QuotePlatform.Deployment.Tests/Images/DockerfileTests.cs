using System.Text.Json;
using System.Text.RegularExpressions;
using QuotePlatform.Deployment.Tests.Support;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Deployment.Tests.Images;

/// <summary>
/// The images build the way CI builds: every image's build stage runs scripts/publish.sh (the one
/// publish definition), and these tests run that same script on the suite's build.
/// </summary>
public sealed partial class DockerfileTests
{
    // Image target → the service project it runs.
    public static TheoryData<string, string> Images => new()
    {
        { "relay", "QuotePlatform.Relay" },
        { "storage-writer", "QuotePlatform.StorageWriter" },
        { "query", "QuotePlatform.Query" },
        { "ingest", "QuotePlatform.Ingest" },
    };

    private static readonly Dockerfile Recipe = Dockerfile.Load();

    [Fact]
    public void Targets_AreTheFourImages()
    {
        Assert.Equal(["relay", "storage-writer", "query", "ingest"], Recipe.Targets);
    }

    [Fact]
    public void Dockerfile_NoSyntaxDirective_BuildsWithTheBuiltInFrontend()
    {
        // A `# syntax=` line pulls the frontend image before anything builds: offline, or where no
        // registry is reachable (scripts/compose-test.sh), the build fails at once.
        var firstLines = File.ReadLines(Repository.PathOf("Dockerfile")).TakeWhile(line => line.StartsWith('#'));

        Assert.DoesNotContain(firstLines, line => line.TrimStart('#', ' ').StartsWith("syntax=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SdkImage_Tag_IsTheVersionGlobalJsonPins()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("global.json")));
        var pinned = globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString();

        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{pinned}", Recipe.Stage("source").BaseImage);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Target_BuildStage_PublishesTheServiceWithThePublishScript(string target, string project)
    {
        var publish = Recipe.Stage($"publish-{target}");

        Assert.Equal("source", publish.BaseImage);
        var last = publish.Instructions[^1];
        Assert.StartsWith("RUN ", last, StringComparison.Ordinal);
        Assert.EndsWith($" scripts/publish.sh {project} /out", last, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf($"services/{project}/{project}.csproj")), $"{project} does not exist");
    }

    [Fact]
    public void Dockerfile_BuildSteps_NoDotnetCommandBesidesThePublishScript()
    {
        var dotnetCommands = Recipe.Stages.SelectMany(s => s.Of("RUN")).Where(run => DotnetCommand().IsMatch(run));

        Assert.Empty(dotnetCommands);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Target_RuntimeImage_AspNetRuntimeNonRootHealthCheckedStartsTheService(string target, string project)
    {
        var image = Recipe.Stage(target);
        var runtime = Recipe.Stage(image.BaseImage);

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", runtime.BaseImage);
        Assert.Contains($"--from=publish-{target} /out .", image.Of("COPY"));
        Assert.Equal("$APP_UID", Assert.Single(image.Of("USER")));
        Assert.Contains("/health/ready", Assert.Single(image.Of("HEALTHCHECK")), StringComparison.Ordinal);
        Assert.Equal($"[\"dotnet\", \"{project}.dll\"]", Assert.Single(image.Of("ENTRYPOINT")));
    }

    [Fact]
    public void Relay_HealthCheck_SpeaksHttp2PriorKnowledge()
    {
        // The relay serves cleartext HTTP/2 only; an HTTP/1.1 probe would always fail.
        Assert.Contains("--http2-prior-knowledge", Assert.Single(Recipe.Stage("relay").Of("HEALTHCHECK")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task PublishScript_OnTheSuitesBuild_ProducesTheAssemblyTheImageStarts(string target, string project)
    {
        await PublishedAsync(project, output =>
        {
            Assert.True(File.Exists(Path.Combine(output, $"{project}.dll")), $"{project}.dll not published");
            Assert.True(File.Exists(Path.Combine(output, $"{project}.runtimeconfig.json")), $"no runtimeconfig: the {target} image could not start it");
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "appsettings.json not published");
        });
    }

    [Fact]
    public async Task IngestPublish_CarriesTheBridgeButNoSimulator()
    {
        // The simulated xtdata is a development tool: beside a build for the demo and tests, never in
        // what goes to the user's Windows machine (the item set is the same for every runtime).
        Assert.True(
            File.Exists(Path.Combine(TestRepository.BuildOutputOf("QuotePlatform.Ingest"), "python", "simulator", "xtquant", "xtdata.py")),
            "the build output lacks the simulator the demo and tests use");
        await PublishedAsync("QuotePlatform.Ingest", output =>
        {
            Assert.True(File.Exists(Path.Combine(output, "python", "bridge", "quoteplatform_bridge.py")), "the pythonnet bridge was not published");
            var pythonFiles = Directory.GetFiles(Path.Combine(output, "python"), "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(output, file));
            Assert.DoesNotContain(pythonFiles, file => file.Contains("simulator", StringComparison.Ordinal) || file.Contains("xtquant", StringComparison.Ordinal));
        });
    }

    /// <summary>Runs scripts/publish.sh on the suite's build into a folder of its own, checks it, then deletes it.</summary>
    private static async Task PublishedAsync(string project, Action<string> check)
    {
        var output = Path.Combine(Path.GetTempPath(), $"qp-publish-{project}-{Guid.NewGuid():N}");
        try
        {
            var result = await Tool.RunAsync(Repository.PathOf("scripts/publish.sh"), [project, output, "--no-build", "-v:q"]);

            Assert.True(result.ExitCode == 0, result.Describe($"scripts/publish.sh {project}"));
            check(output);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"\bdotnet\s+(publish|build|restore)\b")]
    private static partial Regex DotnetCommand();
}
