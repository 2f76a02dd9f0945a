using System.CommandLine;
using ClickHouse.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote migrate [--clickhouse URL]`: applies the ClickHouse schema migrations the services apply
/// at start. Retention comes from the same keys as the services' (Storage__OneMinuteRetention, ...)
/// so running it never resets a configured TTL.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var clickHouse = new Option<string?>("--clickhouse")
        {
            Description = $"ClickHouse URL (http://host:8123/db) or connection string (default: {ClickHouseAddress.ServiceVariable}, {ClickHouseAddress.Variable}, then {AddressesFile.RelativePath})",
        };
        var command = new Command("migrate", "Apply the ClickHouse schema migrations (idempotent)") { clickHouse };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await ExecuteAsync(parse.GetValue(clickHouse), parse.InvocationConfiguration.Output, cancellationToken);
            }
            catch (CliFailure failure)
            {
                return await CommandRunner.FailAsync(parse.InvocationConfiguration.Error, failure);
            }
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(string? clickHouse, TextWriter output, CancellationToken cancellationToken)
    {
        var (connection, source) = ClickHouseAddress.Resolve(clickHouse, Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        using var client = new ClickHouseClient(BackfillCommand.ParseSettings(connection, source));
        var migrator = new SchemaMigrator(client, Options.Create(storage), TimeProvider.System, loggers.CreateLogger<SchemaMigrator>());
        var applied = await StorageCalls.RunAsync(() => migrator.MigrateAsync(cancellationToken), connection, source, cancellationToken);
        await output.WriteLineAsync(applied.Count == 0
            ? $"schema already at version {Migrations.All[^1].Version}"
            : $"applied {string.Join(", ", applied)}; schema at version {Migrations.All[^1].Version}");
        return ExitCodes.Ok;
    }
}
