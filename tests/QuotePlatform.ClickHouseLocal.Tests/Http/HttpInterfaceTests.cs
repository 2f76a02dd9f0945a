using System.Net;
using System.Text;

namespace QuotePlatform.ClickHouseLocal.Tests.Http;

/// <summary>The HTTP interface's own rules, seen by a plain HTTP client.</summary>
public sealed class HttpInterfaceTests
{
    private static readonly HttpClient Http = new() { BaseAddress = LocalEndpoint.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task Ping_EngineConnected_AnswersOk()
    {
        Assert.Equal("Ok.\n", await Http.GetStringAsync("/ping"));
    }

    [Fact]
    public async Task Get_ModifyingQuery_RefusedAsReadonly()
    {
        var table = LocalEndpoint.UniqueName("get");

        using var response = await Http.GetAsync($"/?query={Uri.EscapeDataString($"CREATE TABLE {table} (a UInt8) ENGINE = Memory")}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("164", Assert.Single(response.Headers.GetValues("X-ClickHouse-Exception-Code")));
        Assert.StartsWith("Code: 164. DB::Exception:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_QueryParameterAndBody_FormAOneQueryAndFormatClauseWins()
    {
        using var content = new StringContent("FROM numbers(3) FORMAT CSV");

        using var response = await Http.PostAsync($"/?query={Uri.EscapeDataString("SELECT number * 2")}", content);

        response.EnsureSuccessStatusCode();
        Assert.Equal("0\n2\n4\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("CSV", Assert.Single(response.Headers.GetValues("X-ClickHouse-Format")));
    }

    [Fact]
    public async Task Post_InsertFormatInQuery_StreamsBodyAndReportsWrittenRows()
    {
        var table = LocalEndpoint.UniqueName("csv");
        await PostAsync($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a");
        using var rows = new StringContent("1,one\n2,two\n3,three\n", Encoding.UTF8);

        using var response = await Http.PostAsync($"/?query={Uri.EscapeDataString($"INSERT INTO {table} FORMAT CSV")}", rows);

        response.EnsureSuccessStatusCode();
        Assert.Contains("\"written_rows\":\"3\"", Assert.Single(response.Headers.GetValues("X-ClickHouse-Summary")), StringComparison.Ordinal);
        Assert.Equal("1,\"one\"\n2,\"two\"\n3,\"three\"\n", await PostAsync($"SELECT * FROM {table} ORDER BY a FORMAT CSV"));
        await PostAsync($"DROP TABLE {table}");
    }

    [Fact]
    public async Task Post_UnknownContentEncoding_RefusedWithCode89()
    {
        using var content = new StringContent("SELECT 1");
        content.Headers.ContentEncoding.Add("snappy");

        using var response = await Http.PostAsync("/", content);

        Assert.Equal("89", Assert.Single(response.Headers.GetValues("X-ClickHouse-Exception-Code")));
    }

    private static async Task<string> PostAsync(string sql)
    {
        using var content = new StringContent(sql);
        using var response = await Http.PostAsync("/", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
