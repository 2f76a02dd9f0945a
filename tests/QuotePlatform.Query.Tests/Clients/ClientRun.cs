using QuotePlatform.Testing;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>A client program run to its end: exit code and what it printed.</summary>
public sealed record ClientRun(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static Task<ClientRun> RunAsync(string program, string workingDirectory, params string[] arguments) =>
        RunAsync(program, workingDirectory, new Dictionary<string, string?>(), arguments);

    public static async Task<ClientRun> RunAsync(
        string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var run = await ProgramRun.RunAsync(program, workingDirectory, arguments, environment);
        return new ClientRun(run.ExitCode, run.Output, run.Error);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
