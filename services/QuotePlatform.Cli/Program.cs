using System.CommandLine;
using QuotePlatform.Cli.Commands;

// quote <command> [options]: one line per command.
var root = new RootCommand("Quote Platform command line");
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(LatestCommand.Create(TimeProvider.System));
root.Subcommands.Add(BarsCommand.Create(TimeProvider.System));
root.Subcommands.Add(TicksCommand.Create(TimeProvider.System));
root.Subcommands.Add(SymbolsCommand.Create(TimeProvider.System));
root.Subcommands.Add(InfoCommand.Create(TimeProvider.System));
root.Subcommands.Add(CalendarCommand.Create(TimeProvider.System));
root.Subcommands.Add(CoverageCommand.Create(TimeProvider.System));
root.Subcommands.Add(WatchCommand.Create(TimeProvider.System));
root.Subcommands.Add(ConsumeCommand.Create(TimeProvider.System));
root.Subcommands.Add(ConsumersCommand.Create(TimeProvider.System));
root.Subcommands.Add(StopConsumerCommand.Create(TimeProvider.System));
root.Subcommands.Add(StatsCommand.Create(TimeProvider.System));
root.Subcommands.Add(BackfillCommand.Create(TimeProvider.System));
root.Subcommands.Add(VerifyCommand.Create(TimeProvider.System));
// Ctrl-C cancels the running command; watch and consume then finish their acks and clean up,
// which may take longer than System.CommandLine's default grace of 2 s.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
