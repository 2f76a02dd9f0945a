using System.CommandLine;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Admin.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote stop-consumer GROUP CONSUMER`: asks a consumer to finish its batch and leave its group;
/// its pending entries go to another consumer. Exit 2 when the group has no such consumer.
/// </summary>
internal static class StopConsumerCommand
{
    public static Command Create(TimeProvider time)
    {
        var group = new Argument<string>("GROUP") { Description = "Group as `quote consumers` lists it, e.g. storage-writer or live:desk-1" };
        var consumer = new Argument<string>("CONSUMER") { Description = "Consumer name within the group" };
        var server = CommandRunner.ServerOption();
        var adminKeyFile = CommandRunner.AdminKeyFileOption();
        var command = new Command("stop-consumer", "Ask a consumer to finish its batch and leave its group (needs the admin key)") { group, consumer, server, adminKeyFile };
        command.SetAction((parse, cancellationToken) => AdminCommandRunner.RunAsync(parse, server, adminKeyFile, time, async (connection, headers, output, _) =>
        {
            var request = new StopConsumerRequest { Group = parse.GetValue(group)!, Consumer = parse.GetValue(consumer)! };
            var response = await connection.Admin.StopConsumerAsync(request, connection.Unary(cancellationToken, headers));
            if (!response.Requested)
            {
                throw new CliFailure(
                    ExitCodes.NotFound,
                    $"group '{request.Group}' has no consumer '{request.Consumer}': `quote consumers` lists the names (live groups are named live:<group>)");
            }

            await output.WriteLineAsync($"asked {request.Consumer} of {request.Group} to stop: it finishes its batch, hands over its pending entries and leaves");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
