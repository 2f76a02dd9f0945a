using System.Globalization;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>What a statement read and wrote, as clickhouse-server reports it in X-ClickHouse-Summary.</summary>
internal readonly record struct QueryStatistics(
    ulong ReadRows,
    ulong ReadBytes,
    ulong WrittenRows,
    ulong WrittenBytes,
    ulong ResultRows,
    ulong ResultBytes,
    TimeSpan Elapsed)
{
    /// <summary>The header's JSON: every value is a quoted number, as clickhouse-server writes it.</summary>
    public string ToSummaryJson() => string.Create(CultureInfo.InvariantCulture,
        $$"""{"read_rows":"{{ReadRows}}","read_bytes":"{{ReadBytes}}","written_rows":"{{WrittenRows}}","written_bytes":"{{WrittenBytes}}","total_rows_to_read":"{{ReadRows}}","result_rows":"{{ResultRows}}","result_bytes":"{{ResultBytes}}","elapsed_ns":"{{(long)(Elapsed.Ticks * 100)}}"}""");
}
