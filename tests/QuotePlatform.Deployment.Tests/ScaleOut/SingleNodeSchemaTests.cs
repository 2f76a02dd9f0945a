using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using Xunit;

namespace QuotePlatform.Deployment.Tests.ScaleOut;

/// <summary>
/// The cluster layout must not change the default: the single-node statements are, byte for byte,
/// the ones released before it existed (copied here from that version of Migrations.cs).
/// </summary>
public sealed class SingleNodeSchemaTests
{
    private const string ReleasedBars = """
        CREATE TABLE IF NOT EXISTS bars
        (
            symbol LowCardinality(String),
            period UInt8,
            frame DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
            open Float64 CODEC(Gorilla, ZSTD(1)),
            high Float64 CODEC(Gorilla, ZSTD(1)),
            low Float64 CODEC(Gorilla, ZSTD(1)),
            close Float64 CODEC(Gorilla, ZSTD(1)),
            volume_shares Int64 CODEC(T64, ZSTD(1)),
            amount_cny Float64 CODEC(Gorilla, ZSTD(1)),
            quality_flags UInt32 CODEC(T64, ZSTD(1)),
            version UInt64 CODEC(Delta, ZSTD(1))
        )
        ENGINE = ReplacingMergeTree(version)
        PARTITION BY (period, toYYYYMM(frame))
        ORDER BY (symbol, period, frame)
        """;

    private const string ReleasedDeadLetters = """
        CREATE TABLE IF NOT EXISTS bars_dead_letter
        (
            stream String,
            entry_id String,
            consumer LowCardinality(String),
            deliveries UInt32,
            error String CODEC(ZSTD(3)),
            payload String CODEC(ZSTD(3)),
            failed_at DateTime64(3, 'UTC')
        )
        ENGINE = ReplacingMergeTree(failed_at)
        ORDER BY (stream, entry_id)
        """;

    private const string ReleasedTradingCalendar = """
        CREATE TABLE IF NOT EXISTS trading_calendar
        (
            market LowCardinality(String),
            date Date,
            trading UInt8,
            version UInt64
        )
        ENGINE = ReplacingMergeTree(version)
        ORDER BY (market, date)
        """;

    private const string ReleasedMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version UInt32,
            name String,
            applied_at DateTime64(3, 'UTC')
        )
        ENGINE = ReplacingMergeTree(applied_at)
        ORDER BY version
        """;

    [Fact]
    public void Migrations_DefaultOptions_ByteIdenticalToTheReleasedStatements()
    {
        var layout = SchemaLayout.From(new StorageOptions());

        Assert.Same(SchemaLayout.SingleNode, layout);
        Assert.Equal(ReleasedMigrationsTable, Migrations.CreateMigrationsTable(layout));
        var migrations = Migrations.For(layout);
        Assert.Equal(
            [(1, "bars table"), (2, "dead-letter table"), (3, "trading calendar table"), (4, "instruments table"), (5, "dividend factors table"), (6, "tick archive table")],
            migrations.Select(m => (m.Version, m.Name)));
        Assert.Equal([ReleasedBars], migrations[0].Statements);
        Assert.Equal([ReleasedDeadLetters], migrations[1].Statements);
        Assert.Equal([ReleasedTradingCalendar], migrations[2].Statements);
        Assert.Equal(Migrations.For(layout).SelectMany(m => m.Statements), Migrations.All.SelectMany(m => m.Statements));
    }

    [Fact]
    public void Retention_DefaultOptions_AltersTheBarsTableAsReleased()
    {
        var options = new StorageOptions();

        Assert.Equal($"ALTER TABLE bars MODIFY TTL {RetentionPolicy.TtlExpression(options)}", RetentionPolicy.AlterStatement(options));
    }
}
