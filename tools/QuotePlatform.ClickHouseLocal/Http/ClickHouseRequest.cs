using QuotePlatform.ClickHouseLocal.Engine;

namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>
/// One request to the HTTP interface, read the way clickhouse-server reads it: every URL parameter
/// that the interface does not consume itself is a setting for the query, param_x binds {x:Type}.
/// </summary>
internal sealed class ClickHouseRequest
{
    // URL parameters of the HTTP interface itself; anything else is a setting.
    private static readonly HashSet<string> InterfaceParameters = new(
        ["query", "database", "default_format", "query_id", "session_id", "session_timeout", "session_check",
         "user", "password", "quota_key", "buffer_size", "wait_end_of_query", "role", "stacktrace",
         "compress", "decompress", "enable_http_compression", "readonly"],
        StringComparer.Ordinal);

    private ClickHouseRequest(string queryId)
    {
        QueryId = queryId;
    }

    public string QueryId { get; }

    public string Query { get; private init; } = "";

    public string? Database { get; private init; }

    public string DefaultFormat { get; private init; } = "TabSeparated";

    /// <summary>GET requests and readonly=1|2 may only read, as on clickhouse-server.</summary>
    public bool ReadOnly { get; private init; }

    public IReadOnlyDictionary<string, string> Settings { get; private init; } = new Dictionary<string, string>();

    public QueryParameters Parameters { get; private init; } = QueryParameters.None;

    public static string QueryIdOf(HttpRequest request) =>
        request.Query["query_id"].LastOrDefault() is { Length: > 0 } id ? id : Guid.NewGuid().ToString();

    public static ClickHouseRequest Parse(HttpRequest request, string queryId)
    {
        var url = request.Query;
        if (Last(url, "compress") is "1" || Last(url, "decompress") is "1")
        {
            throw ClickHouseException.Create(ClickHouseErrorCode.NotImplemented,
                "ClickHouse's native compression framing (compress=1, decompress=1) is not supported here; use Content-Encoding");
        }

        if (Last(url, "session_id") is { Length: > 0 })
        {
            // Refused rather than ignored: a session's SET and temporary tables would silently vanish.
            throw ClickHouseException.Create(ClickHouseErrorCode.NotImplemented,
                "Sessions (session_id) are not supported by the local ClickHouse endpoint; pass settings in each request");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new List<string>();
        var values = new List<string>();
        foreach (var (key, value) in url)
        {
            if (key.StartsWith("param_", StringComparison.Ordinal))
            {
                names.Add(key["param_".Length..]);
                values.Add(value.LastOrDefault() ?? "");
            }
            else if (!InterfaceParameters.Contains(key))
            {
                settings[ValidSettingName(key)] = value.LastOrDefault() ?? "";
            }
        }

        return new ClickHouseRequest(queryId)
        {
            Query = Last(url, "query") ?? "",
            Database = Last(url, "database") ?? Header(request, "X-ClickHouse-Database"),
            DefaultFormat = Last(url, "default_format") ?? Header(request, "X-ClickHouse-Format") ?? "TabSeparated",
            ReadOnly = HttpMethods.IsGet(request.Method) || Last(url, "readonly") is "1" or "2",
            Settings = settings,
            Parameters = names.Count == 0 ? QueryParameters.None : new QueryParameters(names, values),
        };
    }

    private static string? Last(IQueryCollection url, string key) =>
        url.TryGetValue(key, out var values) ? values.LastOrDefault() : null;

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.LastOrDefault() is { Length: > 0 } value ? value : null;

    private static string ValidSettingName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw ClickHouseException.Create(ClickHouseErrorCode.BadArguments, $"Invalid setting name in the URL: '{name}'");
}
