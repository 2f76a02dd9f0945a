using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Readers;
using QuotePlatform.Configuration;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Deployment.Tests.ScaleOut;

/// <summary>
/// Storage:ClusterName selects Replicated tables plus Distributed tables. No ClickHouse cluster (Keeper,
/// several servers) runs here, so the generated DDL is checked as text and parsed by the real
/// ClickHouse 26.7 engine (EXPLAIN AST), which reports how it reads each statement.
/// </summary>
public sealed class ClusterSchemaTests
{
    private static readonly StorageOptions ClusterOptions = new() { ClusterName = "quote" };
    private static readonly SchemaLayout Cluster = SchemaLayout.From(ClusterOptions);

    [Fact]
    public void Bars_OnCluster_ReplicatedLocalTablePerShardAndDistributedTableShardedBySymbol()
    {
        var statements = Migrations.For(Cluster).Single(m => m.Version == 1).Statements;

        Assert.Equal(2, statements.Count);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS bars_local ON CLUSTER 'quote'\n(\n    symbol LowCardinality(String),", statements[0], StringComparison.Ordinal);
        Assert.Contains(
            "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/bars_local', '{replica}', version)\nPARTITION BY (period, toYYYYMM(frame))\nORDER BY (symbol, period, frame)",
            statements[0], StringComparison.Ordinal);
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS bars ON CLUSTER 'quote' AS bars_local\nENGINE = Distributed('quote', currentDatabase(), 'bars_local', cityHash64(symbol))",
            statements[1]);
    }

    [Fact]
    public void Columns_OnCluster_SameAsOnOneServer()
    {
        var single = Migrations.All.SelectMany(m => m.Statements).ToList();
        var cluster = Migrations.For(Cluster).SelectMany(m => m.Statements).Where(s => s.Contains("\n(", StringComparison.Ordinal)).ToList();

        Assert.Equal(single.Count, cluster.Count);
        Assert.All(single.Zip(cluster), pair => Assert.Equal(ColumnBlock(pair.First), ColumnBlock(pair.Second)));
    }

    [Fact]
    public void MigrationsTable_OnCluster_OneReplicaSetOverEveryNodeNotSharded()
    {
        var statement = Migrations.CreateMigrationsTable(Cluster);

        Assert.StartsWith("CREATE TABLE IF NOT EXISTS schema_migrations ON CLUSTER 'quote'", statement, StringComparison.Ordinal);
        Assert.Contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{database}/schema_migrations', '{replica}', applied_at)", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_OnCluster_AltersTheLocalTablesOnEveryNode()
    {
        Assert.Equal(
            $"ALTER TABLE bars_local ON CLUSTER 'quote' MODIFY TTL {RetentionPolicy.TtlExpression(ClusterOptions)}",
            RetentionPolicy.AlterStatement(ClusterOptions));
    }

    [Fact]
    public void DeadLetters_OnCluster_ShardedByTheirReplacingKey()
    {
        var statements = Migrations.For(Cluster).Single(m => m.Version == 2).Statements;

        Assert.Contains("ORDER BY (stream, entry_id)", statements[0], StringComparison.Ordinal);
        Assert.EndsWith("'bars_dead_letter_local', cityHash64(stream, entry_id))", statements[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statements_OnCluster_ParsedByClickHouseAsIntended()
    {
        var client = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        var statements = Migrations.For(Cluster).SelectMany(m => m.Statements)
            .Prepend(Migrations.CreateMigrationsTable(Cluster))
            .Append(RetentionPolicy.AlterStatement(ClusterOptions))
            .ToList();

        var trees = new List<string>();
        foreach (var statement in statements)
        {
            trees.Add(await ExplainAsync(client, statement));
        }

        Assert.Equal(11, trees.Count);
        Assert.Contains("Function ReplicatedReplacingMergeTree", trees[1], StringComparison.Ordinal);
        Assert.Contains("Function Distributed", trees[2], StringComparison.Ordinal);
        Assert.Contains("Function cityHash64 (children 1)\n     ExpressionList (children 1)\n      Identifier symbol", trees[2], StringComparison.Ordinal);
        // The trading calendar: small, a full replica on every node, never distributed.
        Assert.Contains("Function ReplicatedReplacingMergeTree", trees[5], StringComparison.Ordinal);
        Assert.Contains("Identifier trading_calendar", trees[5], StringComparison.Ordinal);
        // Instruments and dividend factors likewise.
        Assert.Contains("Identifier instruments", trees[6], StringComparison.Ordinal);
        Assert.Contains("Identifier dividend_factors", trees[7], StringComparison.Ordinal);
        Assert.All(trees[5..8], tree => Assert.DoesNotContain("Function Distributed", tree, StringComparison.Ordinal));
        // The tick archive: like bars, a replicated local table per shard and a Distributed table by symbol.
        Assert.Contains("Function ReplicatedReplacingMergeTree", trees[8], StringComparison.Ordinal);
        Assert.Contains("Identifier ticks_local", trees[8], StringComparison.Ordinal);
        Assert.Contains("Function Distributed", trees[9], StringComparison.Ordinal);
        Assert.Contains("Function cityHash64 (children 1)\n     ExpressionList (children 1)\n      Identifier symbol", trees[9], StringComparison.Ordinal);
        Assert.Contains("Identifier bars_local", trees[10], StringComparison.Ordinal);
        Assert.Contains("AlterCommand MODIFY_TTL", trees[10], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quote; DROP TABLE bars")]
    [InlineData("my cluster")]
    [InlineData("'quote'")]
    public void ClusterName_NotAnIdentifier_FailsValidationNamingTheKey(string name)
    {
        var result = new SectionAnnotationValidator<StorageOptions>().Validate(null, new StorageOptions { ClusterName = name });

        Assert.True(result.Failed);
        Assert.Contains("Storage:ClusterName", result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ClusterLayout(name));
    }

    private static string ColumnBlock(string statement) =>
        statement[statement.IndexOf("\n(", StringComparison.Ordinal)..(statement.IndexOf("\n)", StringComparison.Ordinal) + 2)];

    private static async Task<string> ExplainAsync(ClickHouseClient client, string statement)
    {
        using ClickHouseDataReader reader = await client.ExecuteReaderAsync("EXPLAIN AST " + statement);
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
