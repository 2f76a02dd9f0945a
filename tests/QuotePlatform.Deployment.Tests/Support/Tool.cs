using QuotePlatform.Testing;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>The command-line tools the checks run; scripts/dev.sh installs them (never skipped when missing).</summary>
internal static class Tool
{
    /// <summary>kubectl from scripts/install-kubectl.sh, whose path scripts/dev.sh exports.</summary>
    public static string Kubectl =>
        Environment.GetEnvironmentVariable("QP_KUBECTL") is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException(
                "QP_KUBECTL is not set: run the tests with `scripts/dev.sh test`, which installs kubectl (scripts/install-kubectl.sh) and sets it.");

    /// <summary>Debian's docker-compose (1.29), installed by scripts/dev.sh.</summary>
    public const string DockerCompose = "docker-compose";

    public static async Task<ToolResult> RunAsync(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var run = await ProgramRun.RunAsync(file, Repository.PathOf("."), arguments, environment);
        return new ToolResult(run.ExitCode, run.Output, run.Error);
    }
}
