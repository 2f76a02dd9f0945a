using QuotePlatform.Storage;

namespace QuotePlatform.StorageWriter.Tests.Schema;

public sealed class ClickHouseSettingsTests
{
    [Fact]
    public void Parse_Url_TakesHostPortAndDatabaseAndCompressesByDefault()
    {
        var settings = ClickHouseSettings.Parse("http://127.0.0.1:8124/quotes");

        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(8124, settings.Port);
        Assert.Equal("quotes", settings.Database);
        Assert.True(settings.UseCompression);
    }

    [Fact]
    public void Parse_UrlWithCompressionFalse_SendsBodiesUncompressed()
    {
        var settings = ClickHouseSettings.Parse("http://127.0.0.1:8124/quotes?compression=false");

        Assert.Equal("quotes", settings.Database);
        Assert.False(settings.UseCompression);
    }

    [Fact]
    public void Parse_UrlWithBadCompressionValue_FailsNamingTheValue()
    {
        var error = Assert.Throws<FormatException>(() => ClickHouseSettings.Parse("http://127.0.0.1:8124/?compression=maybe"));

        Assert.Contains("compression=maybe", error.Message, StringComparison.Ordinal);
    }
}
