using System.CommandLine;

namespace QuotePlatform.Cli.Tests.Support;

/// <summary>One `quote` command run in-process as Program runs it, with stdout and stderr captured.</summary>
internal static class CliRun
{
    public static async Task<CliResult> RunAsync(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { command };
        var exit = await root.Parse([command.Name, .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
