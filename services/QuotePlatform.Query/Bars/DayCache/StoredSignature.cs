namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>
/// What ClickHouse holds for one symbol-day before FINAL: the rows and the sum of their versions.
/// Every insert adds a row, so it changes the count; a merge that drops a duplicate while an insert
/// adds a row leaves the count but not the sum, since a symbol's entries (one shard) have distinct
/// versions. A merge alone also changes it: the day is read again, which costs time, never correctness.
/// </summary>
internal readonly record struct StoredSignature(ulong Rows, ulong VersionSum);
