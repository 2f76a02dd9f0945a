using System.CommandLine;
using ClickHouse.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
            Description = "ClickHouse URL (http://host:8123/db) or connection string; default: ConnectionStrings__clickhouse",
        };
        var command = new Command("migrate", "Apply the ClickHouse schema migrations (idempotent)") { clickHouse };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(clickHouse), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string? clickHouse, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var connection = clickHouse ?? configuration.GetConnectionString("clickhouse");
        if (string.IsNullOrWhiteSpace(connection))
        {
            await Console.Error.WriteLineAsync("give --clickhouse or set ConnectionStrings__clickhouse");
            return 2;
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        using var client = new ClickHouseClient(ClickHouseSettings.Parse(connection));
        var migrator = new SchemaMigrator(client, Options.Create(storage), TimeProvider.System, loggers.CreateLogger<SchemaMigrator>());
        var applied = await migrator.MigrateAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? $"schema already at version {Migrations.All[^1].Version}"
            : $"applied {string.Join(", ", applied)}; schema at version {Migrations.All[^1].Version}");
        return 0;
    }
}
