namespace QuotePlatform.Storage.Schema;

/// <summary>The tables the migrations create; <see cref="SchemaLayout"/> renders them for one server or a cluster.</summary>
public static class SchemaTables
{
    // One row per (symbol, period, frame). A bar delivered twice lands as two rows until a merge
    // collapses them, so readers use FINAL (see BarReader); the version is the stream entry id, so a
    // later correction of the same bar wins over a redelivered older one. Partitioned by period and
    // month: a full-market insert of one period touches one partition, and retention drops whole
    // months of one period together. On a cluster, a symbol's rows all go to one shard (sharding by
    // symbol), so FINAL still collapses every duplicate: it only merges within a shard.
    public static TableDefinition Bars { get; } = new(
        TableNames.Bars,
        """
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
        """,
        "ReplacingMergeTree",
        "version",
        """
        PARTITION BY (period, toYYYYMM(frame))
        ORDER BY (symbol, period, frame)
        """,
        ShardingKey: "cityHash64(symbol)");

    // Entries that kept failing, with why; keyed by entry so a repeated dead-lettering of the same
    // entry (crash before XACK) stays one row, also on a cluster (sharded by that key).
    public static TableDefinition DeadLetters { get; } = new(
        TableNames.DeadLetters,
        """
        (
            stream String,
            entry_id String,
            consumer LowCardinality(String),
            deliveries UInt32,
            error String CODEC(ZSTD(3)),
            payload String CODEC(ZSTD(3)),
            failed_at DateTime64(3, 'UTC')
        )
        """,
        "ReplacingMergeTree",
        "failed_at",
        "ORDER BY (stream, entry_id)",
        ShardingKey: "cityHash64(stream, entry_id)");

    // One row per exchange and calendar date of every range a terminal sent: trading 1 or 0 (closed).
    // A later calendar for the same date wins (version: the stream entry). Small (about 250 rows per
    // exchange and year): every node keeps it all, never sharded.
    public static TableDefinition TradingCalendar { get; } = new(
        TableNames.TradingCalendar,
        """
        (
            market LowCardinality(String),
            date Date,
            trading UInt8,
            version UInt64
        )
        """,
        "ReplacingMergeTree",
        "version",
        "ORDER BY (market, date)",
        ShardingKey: null);

    // A handful of rows that every node must see in full: replicated everywhere, never sharded.
    public static TableDefinition Migrations { get; } = new(
        TableNames.Migrations,
        """
        (
            version UInt32,
            name String,
            applied_at DateTime64(3, 'UTC')
        )
        """,
        "ReplacingMergeTree",
        "applied_at",
        "ORDER BY version",
        ShardingKey: null);
}
