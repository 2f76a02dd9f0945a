using System.CommandLine;
using System.Globalization;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Live;
using QuotePlatform.Cli.Output;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote consume --group NAME --mode broadcast|shard|hybrid [--consumer NAME] [--out FILE]`: final
/// bars through a consumer group, as JSON Lines in the shape `quote synth` writes. A delivery is
/// acknowledged only once its bars are written (flushed to --out), so stopping or killing it loses
/// nothing: run it again with the same --group and --consumer and it resumes where it was acknowledged.
/// </summary>
internal static class ConsumeCommand
{
    public static Command Create(TimeProvider time)
    {
        var group = new Option<string>("--group") { Description = "Consumer group name (letters, digits, _ - .); the server keeps it as live:NAME", Required = true };
        var mode = new Option<string>("--mode")
        {
            Description = "broadcast: this group gets every bar; shard: consumers sharing the group split the bars; hybrid: several sharded groups",
            Required = true,
        };
        mode.AcceptOnlyFromAmong("broadcast", "shard", "hybrid");
        var consumer = new Option<string>("--consumer")
        {
            Description = "Consumer name within the group; reuse it to resume, give each process of a shard group its own (default: host name)",
            DefaultValueFactory = _ => Environment.MachineName,
        };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols, comma-separated or repeated (default: the whole market)", AllowMultipleArgumentsPerToken = true };
        var periods = LiveCommandOptions.Periods("1m,5m,15m,30m,60m,1d");
        var start = new Option<string>("--start")
        {
            Description = "Where a new group starts: now, oldest (the oldest entry kept), or a stream id; an existing group continues where it is",
            DefaultValueFactory = _ => "now",
        };
        var output = new Option<FileInfo?>("--out") { Description = "Append the bars to this file (default: stdout)" };
        var count = LiveCommandOptions.Count();
        var server = CommandRunner.ServerOption();
        var command = new Command("consume", "Consume final bars through a consumer group (at-least-once; Ctrl-C to stop)")
        {
            group, mode, consumer, symbols, periods, start, output, count, server,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, stdout, error) =>
        {
            var subscription = new Subscription
            {
                Group = parse.GetValue(group)!,
                Consumer = parse.GetValue(consumer)!,
                Mode = parse.GetValue(mode) switch
                {
                    "broadcast" => SubscriptionMode.Broadcast,
                    "shard" => SubscriptionMode.Shard,
                    _ => SubscriptionMode.Hybrid,
                },
                StartId = parse.GetValue(start) switch
                {
                    "now" => "$",
                    "oldest" => "0",
                    var id => id,
                },
            };
            subscription.Symbols.AddRange(LiveCommandOptions.Symbols(parse.GetValue(symbols) ?? []));
            LiveCommandOptions.AddPeriods(subscription, parse.GetValue(periods));

            using var file = OpenOutput(parse.GetValue(output));
            IBarOutput sink = (IBarOutput?)file ?? new BarJsonLinesOutput(stdout);
            var session = new SubscriptionCall(connection, error, time);
            var summary = await session.RunAsync(
                subscription,
                new LiveHandlers((delivery, token) => sink.WriteAsync([.. delivery.Bars.Select(b => b.ToDomain())], token)),
                parse.GetValue(count),
                showProgress: true,
                cancellationToken);
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"consumer {summary.Consumer} of {summary.Group}: {summary.Bars} bars in {summary.Deliveries} deliveries ({summary.Redelivered} redelivered) acknowledged; {summary.Ending}"));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static BarFileOutput? OpenOutput(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return new BarFileOutput(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"cannot write --out {file.FullName}: {ex.Message}");
        }
    }
}
