namespace QuotePlatform.Storage.Schema;

/// <summary>
/// The schema, in order. Append new steps; never edit an applied one (its version is recorded in
/// schema_migrations and will not run again). Steps are written once, for any layout: create tables
/// with <see cref="SchemaLayout.CreateTable"/>, change them with <see cref="SchemaLayout.AlterData"/>
/// (and, for a column change on a cluster, the Distributed table too).
/// </summary>
public static class Migrations
{
    /// <summary>The steps for one server, the default layout.</summary>
    public static IReadOnlyList<Migration> All { get; } = For(SchemaLayout.SingleNode);

    public static IReadOnlyList<Migration> For(SchemaLayout layout) =>
    [
        new(1, "bars table", layout.CreateTable(SchemaTables.Bars)),
        new(2, "dead-letter table", layout.CreateTable(SchemaTables.DeadLetters)),
        new(3, "trading calendar table", layout.CreateTable(SchemaTables.TradingCalendar)),
        new(4, "instruments table", layout.CreateTable(SchemaTables.Instruments)),
        new(5, "dividend factors table", layout.CreateTable(SchemaTables.DividendFactors)),
        new(6, "tick archive table", layout.CreateTable(SchemaTables.Ticks)),
    ];

    public static string CreateMigrationsTable(SchemaLayout layout) => layout.CreateTable(SchemaTables.Migrations).Single();
}
