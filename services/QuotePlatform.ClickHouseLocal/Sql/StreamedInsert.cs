namespace QuotePlatform.ClickHouseLocal.Sql;

/// <summary>
/// "INSERT INTO t (cols) FORMAT Name" split the way the engine's streaming INSERT takes it: the
/// statement without its FORMAT clause, the format, and any data written inline after the format name.
/// </summary>
internal sealed record StreamedInsert(string Statement, string Format, string InlineData);
