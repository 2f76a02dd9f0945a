using System.CommandLine;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Commands;

public sealed class HelpTests
{
    public static TheoryData<string> Commands => [.. All().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_Exit0WithUsageAndItsOptions(string name)
    {
        var command = All().Single(c => c.Name == name);

        var result = await CliRun.RunAsync(command, "--help");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains($" {name} ", result.Output, StringComparison.Ordinal);
        Assert.All(command.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal)), option => Assert.Contains(option.Name, result.Output, StringComparison.Ordinal));
    }

    private static IEnumerable<Command> All() =>
    [
        LatestCommand.Create(TimeProvider.System),
        BarsCommand.Create(TimeProvider.System),
        SymbolsCommand.Create(TimeProvider.System),
        CalendarCommand.Create(TimeProvider.System),
        CoverageCommand.Create(TimeProvider.System),
        WatchCommand.Create(TimeProvider.System),
        ConsumeCommand.Create(TimeProvider.System),
        ConsumersCommand.Create(TimeProvider.System),
        StopConsumerCommand.Create(TimeProvider.System),
        StatsCommand.Create(TimeProvider.System),
        BackfillCommand.Create(TimeProvider.System),
        MigrateCommand.Create(),
        TicksCommand.Create(TimeProvider.System),
        VerifyCommand.Create(TimeProvider.System),
    ];
}
