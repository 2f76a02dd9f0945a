namespace QuotePlatform.Storage.Schema;

/// <summary>
/// The schema, in order. Append new steps; never edit an applied one (its version is recorded in
/// schema_migrations and will not run again).
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "bars table", [
            // One row per (symbol, period, frame). A bar delivered twice lands as two rows until a
            // merge collapses them, so readers use FINAL (see BarReader); the version is the stream
            // entry id, so a later correction of the same bar wins over a redelivered older one.
            // Partitioned by period and month: a full-market insert of one period touches one
            // partition, and retention drops whole months of one period together.
            $"""
            CREATE TABLE IF NOT EXISTS {TableNames.Bars}
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
            """,
        ]),
        new(2, "dead-letter table", [
            // Entries that kept failing, with why; keyed by entry so a repeated dead-lettering of the
            // same entry (crash before XACK) stays one row.
            $"""
            CREATE TABLE IF NOT EXISTS {TableNames.DeadLetters}
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
            """,
        ]),
    ];

    public const string CreateMigrationsTable = $"""
        CREATE TABLE IF NOT EXISTS {TableNames.Migrations}
        (
            version UInt32,
            name String,
            applied_at DateTime64(3, 'UTC')
        )
        ENGINE = ReplacingMergeTree(applied_at)
        ORDER BY version
        """;
}
