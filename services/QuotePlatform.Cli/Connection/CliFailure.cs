namespace QuotePlatform.Cli.Connection;

/// <summary>A command cannot go on: <see cref="Exception.Message"/> tells the user what to do, the exit code tells a script.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
