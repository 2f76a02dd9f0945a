namespace QuotePlatform.Deployment.Tests.Support;

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string Describe(string command) => $"{command} exited with {ExitCode}:\n{Error}\n{Output}";
}
