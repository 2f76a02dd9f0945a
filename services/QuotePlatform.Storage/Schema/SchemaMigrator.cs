using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Readers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QuotePlatform.Storage.Schema;

/// <summary>Applies the migrations not yet recorded, then sets the retention from configuration.</summary>
public sealed partial class SchemaMigrator(
    IClickHouseClient client,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<SchemaMigrator> logger)
{
    private static readonly InsertOptions MigrationInsert = new()
    {
        ColumnTypes = new Dictionary<string, string>
        {
            ["version"] = "UInt32",
            ["name"] = "String",
            ["applied_at"] = "DateTime64(3, 'UTC')",
        },
    };

    /// <summary>Returns the versions applied by this call (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        var layout = SchemaLayout.From(options.Value);
        await client.ExecuteNonQueryAsync(Migrations.CreateMigrationsTable(layout), cancellationToken: cancellationToken);
        var applied = await AppliedVersionsAsync(cancellationToken);
        var appliedNow = new List<int>();
        foreach (var migration in Migrations.For(layout).Where(m => !applied.Contains(m.Version)))
        {
            foreach (var statement in migration.Statements)
            {
                await client.ExecuteNonQueryAsync(statement, cancellationToken: cancellationToken);
            }

            object[] row = [(uint)migration.Version, migration.Name, timeProvider.GetUtcNow().UtcDateTime];
            await client.InsertBinaryAsync(TableNames.Migrations, MigrationInsert.ColumnTypes!.Keys, [row], MigrationInsert, cancellationToken);
            LogApplied(migration.Version, migration.Name);
            appliedNow.Add(migration.Version);
        }

        // Retention is configuration, not a schema version: set it on every start. Existing parts
        // are not rewritten now (materialize_ttl_after_modify = 0); merges apply the new TTL.
        foreach (var alter in new[] { RetentionPolicy.AlterStatement(options.Value), RetentionPolicy.TickAlterStatement(options.Value) })
        {
            await client.ExecuteNonQueryAsync(
                alter,
                options: new QueryOptions { CustomSettings = new Dictionary<string, object> { ["materialize_ttl_after_modify"] = 0 } },
                cancellationToken: cancellationToken);
        }
        LogSchemaCurrent(Migrations.All[^1].Version);
        return appliedNow;
    }

    public async Task<HashSet<int>> AppliedVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        using ClickHouseDataReader reader = await client.ExecuteReaderAsync(
            $"SELECT DISTINCT version FROM {TableNames.Migrations}", cancellationToken: cancellationToken);
        while (reader.Read())
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return versions;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version}: {Name}")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "ClickHouse schema is at version {Version}")]
    private partial void LogSchemaCurrent(int version);
}
