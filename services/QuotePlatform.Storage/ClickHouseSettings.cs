using ClickHouse.Driver.ADO;

namespace QuotePlatform.Storage;

/// <summary>
/// Reads `ConnectionStrings:clickhouse` in either form: the driver's own
/// ("Host=h;Port=8123;Protocol=http;Database=d") or a URL ("http://h:8123/d"), the form scripts
/// and orchestrators hand out. The URL may end in "?compression=false": request bodies are then
/// sent uncompressed, which on loopback saves the CPU that compressing and decompressing costs
/// (there is no network to save); the driver compresses by default.
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
                UseCompression = Compression(uri),
            };
        }

        return new ClickHouseClientSettings(value);
    }

    private static bool Compression(Uri uri)
    {
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return query["compression"] switch
        {
            null => true,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new FormatException($"ClickHouse URL {uri.GetLeftPart(UriPartial.Path)}: compression={text} is not true or false"),
        };
    }
}
