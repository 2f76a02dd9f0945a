namespace QuotePlatform.Storage.Schema;

/// <summary>One server: each table is its MergeTree engine under its own name.</summary>
public sealed class SingleNodeLayout : SchemaLayout
{
    public override IReadOnlyList<string> CreateTable(TableDefinition table) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {table.Name}
        {table.Columns}
        ENGINE = {table.EngineFamily}({table.EngineArguments})
        {table.Clauses}
        """,
    ];

    public override string DataTable(TableDefinition table) => table.Name;

    public override string AlterData(TableDefinition table, string alteration) => $"ALTER TABLE {table.Name} {alteration}";
}
