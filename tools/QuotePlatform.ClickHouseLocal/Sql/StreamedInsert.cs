namespace QuotePlatform.ClickHouseLocal.Sql;

/// <summary>
/// "INSERT INTO t (cols) FORMAT Name" split the way the engine's streaming INSERT takes it: the
/// statement without its FORMAT clause (text[..StatementEnd]), the format, and where the data starts.
/// </summary>
internal sealed record StreamedInsert(int StatementEnd, string Format, int DataStart);
