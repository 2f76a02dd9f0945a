namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>The Content-Type clickhouse-server sends for a result format.</summary>
internal static class OutputFormats
{
    public static string ContentType(string format) => format switch
    {
        _ when format.StartsWith("JSON", StringComparison.OrdinalIgnoreCase) => "application/json; charset=UTF-8",
        _ when format.StartsWith("TabSeparated", StringComparison.OrdinalIgnoreCase)
            || format.StartsWith("TSV", StringComparison.OrdinalIgnoreCase) => "text/tab-separated-values; charset=UTF-8",
        _ when format.StartsWith("CSV", StringComparison.OrdinalIgnoreCase) => "text/csv; charset=UTF-8; header=absent",
        _ when format.Equals("XML", StringComparison.OrdinalIgnoreCase) => "application/xml; charset=UTF-8",
        _ when format.StartsWith("Pretty", StringComparison.OrdinalIgnoreCase)
            || format is "Vertical" or "Markdown" or "Values" or "Raw" or "LineAsString" or "Template" or "CustomSeparated"
            || format.StartsWith("TSKV", StringComparison.OrdinalIgnoreCase) => "text/plain; charset=UTF-8",
        _ => "application/octet-stream",
    };
}
