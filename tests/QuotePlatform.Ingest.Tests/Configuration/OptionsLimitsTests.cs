using Microsoft.Extensions.Configuration;
using QuotePlatform.Configuration;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Sources.Qmt;

namespace QuotePlatform.Ingest.Tests.Configuration;

public sealed class OptionsLimitsTests
{
    [Fact]
    public void Validate_RelayReconnectDelayAboveMax_FailsNamingTheKey()
    {
        var options = new RelayClientOptions { Url = "http://127.0.0.1:5080", ApiKey = "test-key", ReconnectDelay = TimeSpan.FromSeconds(20), ReconnectMaxDelay = TimeSpan.FromSeconds(10) };

        var result = new SectionAnnotationValidator<RelayClientOptions>().Validate(null, options);

        Assert.Equal($"{RelayClientOptions.Section}:ReconnectDelay: must not exceed ReconnectMaxDelay (00:00:10)", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_QmtReconnectBaseDelayAboveMax_FailsNamingTheKey()
    {
        var options = new QmtOptions { PythonDll = "libpython3.11.so.1.0", ReconnectBaseDelay = TimeSpan.FromMinutes(2), ReconnectMaxDelay = TimeSpan.FromMinutes(1) };

        var result = new SectionAnnotationValidator<QmtOptions>().Validate(null, options);

        Assert.Equal($"{QmtOptions.Section}:ReconnectBaseDelay: must not exceed ReconnectMaxDelay (00:01:00)", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("沪深A股, ,沪深ETF")]
    [InlineData("沪深A股,")]
    public void Validate_QmtNoSectorOrABlankOne_FailsNamingTheKey(string sectors)
    {
        var options = new QmtOptions { PythonDll = "libpython3.11.so.1.0", Sectors = sectors };

        var result = new SectionAnnotationValidator<QmtOptions>().Validate(null, options);

        Assert.Contains($"{QmtOptions.Section}:Sectors: ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_QmtSectors_DefaultIsSharesIndicesEtfsAndBondsAndASettingReplacesIt()
    {
        var defaults = new QmtOptions();
        var configured = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{QmtOptions.Section}:Sectors"] = "沪深A股, 沪深ETF" })
            .Build().GetSection(QmtOptions.Section).Get<QmtOptions>();

        Assert.Equal(["沪深A股", "沪深指数", "沪深ETF", "沪深转债"], defaults.SectorList);
        Assert.Equal(["沪深A股", "沪深ETF"], configured!.SectorList);
    }
}
