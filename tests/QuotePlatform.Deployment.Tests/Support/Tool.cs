using System.Diagnostics;

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
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Repository.PathOf("."),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within 3 minutes");
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }
}
