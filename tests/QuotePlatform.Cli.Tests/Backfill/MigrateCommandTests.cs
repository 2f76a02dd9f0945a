using ClickHouse.Driver;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Testing;

namespace QuotePlatform.Cli.Tests.Backfill;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryStepThenReportsCurrent()
    {
        var database = $"qp_migrate_{Guid.NewGuid():N}"[..24];
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        try
        {
            var url = $"{TestServers.ClickHouseUrl}/{database}";
            var first = await CliRun.RunAsync(MigrateCommand.Create(), "--clickhouse", url);
            var second = await CliRun.RunAsync(MigrateCommand.Create(), "--clickhouse", url);

            var last = Migrations.All[^1].Version;
            Assert.True(first.Exit == 0, first.ToString());
            Assert.Equal($"applied {string.Join(", ", Migrations.All.Select(m => m.Version))}; schema at version {last}", first.Lines.Single());
            Assert.Equal((0, $"schema already at version {last}"), (second.Exit, second.Lines.Single()));
        }
        finally
        {
            await server.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {database} SYNC");
        }
    }

    [Fact]
    public async Task Migrate_ClickHouseUnreachable_Exit3()
    {
        var result = await CliRun.RunAsync(MigrateCommand.Create(), "--clickhouse", Unreachable.Address());

        Assert.Equal(3, result.Exit);
        Assert.Contains("cannot reach ClickHouse at", result.Error, StringComparison.Ordinal);
    }
}
