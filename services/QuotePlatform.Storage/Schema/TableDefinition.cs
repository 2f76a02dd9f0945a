namespace QuotePlatform.Storage.Schema;

/// <summary>
/// A table as the migrations declare it, rendered by a <see cref="SchemaLayout"/> for one server or a
/// cluster. <paramref name="Columns"/> is the parenthesised column list, <paramref name="Clauses"/>
/// what follows the engine (PARTITION BY, ORDER BY, ...).
/// </summary>
/// <param name="EngineFamily">A MergeTree family engine, e.g. "ReplacingMergeTree".</param>
/// <param name="EngineArguments">Its arguments, e.g. "version".</param>
/// <param name="ShardingKey">
/// How rows spread over a cluster's shards. Rows that must collapse together (same ORDER BY key) have
/// to land on one shard, so the key hashes ORDER BY columns. Null: the table is small and every node
/// keeps a full replica (no Distributed table).
/// </param>
public sealed record TableDefinition(
    string Name,
    string Columns,
    string EngineFamily,
    string EngineArguments,
    string Clauses,
    string? ShardingKey);
