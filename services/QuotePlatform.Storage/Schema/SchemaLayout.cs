namespace QuotePlatform.Storage.Schema;

/// <summary>
/// How the tables are laid out: on one server (the default), or on a ClickHouse cluster, where each
/// table is a Replicated table on every node (name + "_local") and a Distributed table under the
/// table's own name spreads rows over the shards. Readers and writers use the table's own name either
/// way, so nothing but the DDL knows which layout runs.
/// </summary>
public abstract class SchemaLayout
{
    public static SchemaLayout SingleNode { get; } = new SingleNodeLayout();

    /// <summary>The layout <see cref="StorageOptions.ClusterName"/> selects.</summary>
    public static SchemaLayout From(StorageOptions options) =>
        string.IsNullOrEmpty(options.ClusterName) ? SingleNode : new ClusterLayout(options.ClusterName);

    /// <summary>The statements that create the table (idempotent).</summary>
    public abstract IReadOnlyList<string> CreateTable(TableDefinition table);

    /// <summary>The table that holds the rows (where TTL and mutations apply).</summary>
    public abstract string DataTable(TableDefinition table);

    /// <summary>An ALTER of the table's data, e.g. "MODIFY TTL ...".</summary>
    public abstract string AlterData(TableDefinition table, string alteration);
}
