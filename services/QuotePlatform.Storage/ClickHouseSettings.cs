using ClickHouse.Driver.ADO;

namespace QuotePlatform.Storage;

/// <summary>
/// Reads `ConnectionStrings:clickhouse` in either form: the driver's own
/// ("Host=h;Port=8123;Protocol=http;Database=d") or a URL ("http://h:8123/d"), the form scripts
/// and orchestrators hand out.
/// </summary>
public static class ClickHouseSettings
{
    public static ClickHouseClientSettings Parse(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var database = uri.AbsolutePath.Trim('/');
            return new ClickHouseClientSettings
            {
                Host = uri.Host,
                Port = (ushort)uri.Port,
                Protocol = uri.Scheme,
                Database = database.Length > 0 ? database : "default",
            };
        }

        return new ClickHouseClientSettings(value);
    }
}
