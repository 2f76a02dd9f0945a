using System.Text.RegularExpressions;

namespace QuotePlatform.Storage.Schema;

/// <summary>
/// A ClickHouse cluster (remote_servers entry <see cref="ClusterName"/>, ClickHouse Keeper, and the
/// {shard} and {replica} macros on every node, as the Altinity operator sets them): every statement
/// runs ON CLUSTER, so applying the migrations through any one node creates the tables on all.
/// </summary>
public sealed partial class ClusterLayout : SchemaLayout
{
    public const string LocalSuffix = "_local";

    public ClusterLayout(string clusterName)
    {
        if (!ClusterNamePattern().IsMatch(clusterName))
        {
            throw new ArgumentException(
                $"ClickHouse cluster name '{clusterName}' is not a plain identifier (letters, digits, '_', '-')", nameof(clusterName));
        }

        ClusterName = clusterName;
    }

    public string ClusterName { get; }

    private string OnCluster => $"ON CLUSTER '{ClusterName}'";

    public override IReadOnlyList<string> CreateTable(TableDefinition table)
    {
        if (table.ShardingKey is null)
        {
            // One replica set over every node (no {shard} in the Keeper path): each node has all rows.
            return [Replicated(table, table.Name, $"/clickhouse/tables/{{database}}/{table.Name}")];
        }

        var local = table.Name + LocalSuffix;
        return
        [
            Replicated(table, local, $"/clickhouse/tables/{{shard}}/{{database}}/{local}"),
            $"""
            CREATE TABLE IF NOT EXISTS {table.Name} {OnCluster} AS {local}
            ENGINE = Distributed('{ClusterName}', currentDatabase(), '{local}', {table.ShardingKey})
            """,
        ];
    }

    public override string DataTable(TableDefinition table) =>
        table.ShardingKey is null ? table.Name : table.Name + LocalSuffix;

    public override string AlterData(TableDefinition table, string alteration) =>
        $"ALTER TABLE {DataTable(table)} {OnCluster} {alteration}";

    // {replica} is a server macro, left for ClickHouse to expand.
    private string Replicated(TableDefinition table, string name, string keeperPath) =>
        $$"""
        CREATE TABLE IF NOT EXISTS {{name}} {{OnCluster}}
        {{table.Columns}}
        ENGINE = Replicated{{table.EngineFamily}}('{{keeperPath}}', '{replica}'{{(table.EngineArguments.Length > 0 ? ", " + table.EngineArguments : "")}})
        {{table.Clauses}}
        """;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex ClusterNamePattern();
}
