using System.CommandLine;
using QuotePlatform.Cli.Commands;

// quote <command> [options]: one line per command.
var root = new RootCommand("Quote Platform command line");
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(PublishCommand.Create(TimeProvider.System));
return await root.Parse(args).InvokeAsync();
