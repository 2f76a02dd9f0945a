namespace QuotePlatform.Testing;

/// <summary>
/// A tool the repository's install scripts put in a cache outside the checkout (libchdb.so,
/// kubectl): the path scripts/dev.sh exports, or else the one the script prints (it installs once,
/// then only prints the cached path).
/// </summary>
public static class InstalledTool
{
    public static string ChdbLibrary => Find("QP_CHDB_LIBRARY", "install-chdb.sh");

    public static string Kubectl => Find("QP_KUBECTL", "install-kubectl.sh");

    private static string Find(string variable, string script)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path)
        {
            return path;
        }

        var run = Task.Run(() => ProgramRun.RunAsync("bash", TestRepository.Root, [TestRepository.PathOf($"scripts/{script}")])).GetAwaiter().GetResult();
        var last = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return run.ExitCode == 0 && last is not null && File.Exists(last)
            ? last
            : throw new InvalidOperationException($"{variable} is not set and scripts/{script} failed ({run.ExitCode}):\n{run.Error}");
    }
}
