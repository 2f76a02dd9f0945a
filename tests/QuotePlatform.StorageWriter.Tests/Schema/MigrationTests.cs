using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using QuotePlatform.StorageWriter.Tests.Support;

namespace QuotePlatform.StorageWriter.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_RunTwice_AppliesEachVersionOnceAndKeepsTables()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var migrator = new SchemaMigrator(context.ClickHouse, Options.Create(new StorageOptions()), TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrations.All.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(Migrations.All.Count, await context.ScalarAsync($"SELECT count() FROM {TableNames.Migrations}"));
        Assert.Equal(2, await context.ScalarAsync(
            $"SELECT count() FROM system.tables WHERE database = currentDatabase() AND name IN ('{TableNames.Bars}', '{TableNames.DeadLetters}')"));
    }

    [Fact]
    public async Task Migrate_RetentionConfigured_TtlFollowsConfiguration()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var options = new StorageOptions { OneMinuteRetention = TimeSpan.FromDays(7) };
        var migrator = new SchemaMigrator(context.ClickHouse, Options.Create(options), TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

        await migrator.MigrateAsync(CancellationToken.None);

        var engine = (string)(await context.ClickHouse.ExecuteScalarAsync(
            $"SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = '{TableNames.Bars}'"))!;
        Assert.Contains("TTL", engine, StringComparison.Ordinal);
        Assert.Contains("period = 1, 7", engine, StringComparison.Ordinal);
        Assert.Contains("period = 2, 180", engine, StringComparison.Ordinal);
        Assert.Contains("7305", engine, StringComparison.Ordinal);
    }

    [Fact]
    public void TtlExpression_Defaults_OneMinuteThirtyDaysLongerForCoarserPeriods()
    {
        var ttl = RetentionPolicy.TtlExpression(new StorageOptions());

        Assert.Equal(
            "toDateTime(frame) + toIntervalDay(multiIf(period = 1, 30, period = 2, 180, period = 3, 365, period = 4, 730, period = 5, 730, 7305))",
            ttl);
    }
}
