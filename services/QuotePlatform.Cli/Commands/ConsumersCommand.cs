using System.CommandLine;
using System.Globalization;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Admin.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote consumers`: consumer groups of the final-bar streams and their consumers (admin key).</summary>
internal static class ConsumersCommand
{
    public static Command Create(TimeProvider time)
    {
        var server = CommandRunner.ServerOption();
        var adminKeyFile = CommandRunner.AdminKeyFileOption();
        var command = new Command("consumers", "List consumer groups and consumers: status, pending, lag, idle (needs the admin key)") { server, adminKeyFile };
        command.SetAction((parse, cancellationToken) => AdminCommandRunner.RunAsync(parse, server, adminKeyFile, time, async (connection, headers, output, _) =>
        {
            var response = await connection.Admin.ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), connection.Unary(cancellationToken, headers));
            await output.WriteLineAsync(Row("group / consumer", "kind / status", "streams", "pending", "lag", "delivered", "idle"));
            foreach (var group in response.Groups.OrderBy(g => g.Name, StringComparer.Ordinal))
            {
                await output.WriteLineAsync(Row(group.Name, group.Kind, Number(group.Streams), Number(group.Pending), Number(group.Lag), Number(group.Delivered), ""));
                foreach (var consumer in group.Consumers.OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    await output.WriteLineAsync(Row("  " + consumer.Name, Status(consumer.Status), "", Number(consumer.Pending), "", "", Idle(consumer.IdleMs)));
                }
            }

            if (response.Groups.Count == 0)
            {
                await output.WriteLineAsync("(no consumer groups)");
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static string Status(ConsumerStatus status) => status switch
    {
        ConsumerStatus.Active => "active",
        ConsumerStatus.Idle => "idle",
        ConsumerStatus.Stopping => "stopping",
        _ => "unknown",
    };

    public static string Idle(long milliseconds) => milliseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms"),
        < 120_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s"),
        < 7_200_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 60_000.0:0.0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 3_600_000.0:0.0} h"),
    };

    private static string Number(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(uint value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Row(string name, string kind, string streams, string pending, string lag, string delivered, string idle) =>
        $"{name,-32} {kind,-15} {streams,7} {pending,10} {lag,10} {delivered,12} {idle,10}".TrimEnd();
}
