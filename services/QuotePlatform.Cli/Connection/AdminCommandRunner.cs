using System.CommandLine;
using Grpc.Core;

namespace QuotePlatform.Cli.Connection;

/// <summary><see cref="CommandRunner"/> for the admin calls: finds the admin key first and sends it with the call.</summary>
internal static class AdminCommandRunner
{
    public static Task<int> RunAsync(
        ParseResult parse,
        Option<string?> server,
        Option<FileInfo?> adminKeyFile,
        TimeProvider time,
        Func<QueryConnection, Metadata, TextWriter, TextWriter, Task<int>> body,
        CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(parse, server, time, (connection, output, error) =>
        {
            var key = AdminKey.Resolve(parse.GetValue(adminKeyFile), Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
            return body(connection, QueryConnection.AdminHeaders(key), output, error);
        }, cancellationToken);
}
