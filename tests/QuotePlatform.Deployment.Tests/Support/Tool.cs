using QuotePlatform.Testing;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>The command-line tools the checks run; installed by scripts/dev.sh or their install scripts (never skipped when missing).</summary>
internal static class Tool
{
    /// <summary>kubectl from scripts/install-kubectl.sh (rendering only; no cluster).</summary>
    public static string Kubectl => InstalledTool.Kubectl;

    /// <summary>Debian's docker-compose (1.29), installed by scripts/dev.sh.</summary>
    public const string DockerCompose = "docker-compose";

    public static async Task<ToolResult> RunAsync(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var run = await ProgramRun.RunAsync(file, Repository.PathOf("."), arguments, environment);
        return new ToolResult(run.ExitCode, run.Output, run.Error);
    }
}
