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

    // One row per symbol and trading date the terminal was asked about (at start-up and each morning): a
    // rename or a new listing is a new row, older dates keep what they said. A later read of the same date
    // wins (version: the stream entry). About 5,000 rows a day: every node keeps it all, never sharded.
    public static TableDefinition Instruments { get; } = new(
        TableNames.Instruments,
        """
        (
            symbol LowCardinality(String),
            trading_date Date,
            name String,
            exchange LowCardinality(String),
            type LowCardinality(String),
            listed_date Nullable(Date),
            price_tick Float64,
            up_stop_price Float64,
            down_stop_price Float64,
            pre_close Float64,
            float_shares Float64,
            total_shares Float64,
            volume_multiple Int32,
            instrument_status Int32,
            version UInt64
        )
        """,
        "ReplacingMergeTree",
        "version",
        "ORDER BY (symbol, trading_date)",
        ShardingKey: null);

    // One row per symbol and ex-dividend date, as get_divid_factors lists it; a later read wins. Adjusted
    // prices are computed from these at query time, never stored.
    public static TableDefinition DividendFactors { get; } = new(
        TableNames.DividendFactors,
        """
        (
            symbol LowCardinality(String),
            ex_date Date,
            interest Float64,
            stock_bonus Float64,
            stock_gift Float64,
            allot_num Float64,
            allot_price Float64,
            gugai Float64,
            dr Float64,
            version UInt64
        )
        """,
        "ReplacingMergeTree",
        "version",
        "ORDER BY (symbol, ex_date)",
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

    // The tick archive: every accepted snapshot, about 25 M rows a full-market day. A symbol's ticks
    // lie together in time order (ORDER BY symbol, time), so neighbouring values differ little and the
    // codecs see runs: times and cumulative volumes as deltas, prices as XORs of their neighbours.
    // An accepted tick's time is unique per symbol (the engine refuses one not newer than the last),
    // so (symbol, time) is the tick: a redelivery collapses into it (readers use FINAL). One partition
    // per day: a day is read, verified and dropped (TTL, Storage:TickRetention) as a whole.
    public static TableDefinition Ticks { get; } = new(
        TableNames.Ticks,
        """
        (
            symbol LowCardinality(String),
            time DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
            last_price Float64 CODEC(Gorilla, ZSTD(1)),
            open Float64 CODEC(Gorilla, ZSTD(1)),
            high Float64 CODEC(Gorilla, ZSTD(1)),
            low Float64 CODEC(Gorilla, ZSTD(1)),
            last_close Float64 CODEC(Gorilla, ZSTD(1)),
            amount_cny Float64 CODEC(Gorilla, ZSTD(1)),
            volume_lots Int64 CODEC(Delta, ZSTD(1)),
            pvolume_shares Int64 CODEC(Delta, ZSTD(1)),
            stock_status Int32 CODEC(T64, ZSTD(1)),
            transaction_num Int64 CODEC(Delta, ZSTD(1)),
            bid_prices Array(Float64) CODEC(Gorilla, ZSTD(1)),
            bid_volumes_lots Array(Int64) CODEC(T64, ZSTD(1)),
            ask_prices Array(Float64) CODEC(Gorilla, ZSTD(1)),
            ask_volumes_lots Array(Int64) CODEC(T64, ZSTD(1)),
            received DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
            clock DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1))
        )
        """,
        "ReplacingMergeTree",
        "",
        """
        PARTITION BY toYYYYMMDD(time)
        ORDER BY (symbol, time)
        """,
        ShardingKey: "cityHash64(symbol)");
}
