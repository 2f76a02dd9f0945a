using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>The built `quote` command against the query service over TLS, trusting the private CA through QP_CA_FILE.</summary>
public sealed class QuoteCliTlsTests(RunningQueryService query) : IClassFixture<RunningQueryService>
{
    private static readonly string Quote = Path.Combine(TestRepository.BuildOutputOf("QuotePlatform.Cli"), "quote.dll");

    [Fact]
    public async Task Latest_HttpsWithCaFileAndReadKeyFile_PrintsTheQuote()
    {
        var run = await ClientRun.RunAsync("dotnet", Path.GetTempPath(), query.ClientEnvironment, Quote, "latest", "600000.SH", "--server", query.TlsAddress.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("8.01", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_HttpsWithoutTheCa_RefusedSayingTheCertificateIsNotTrusted()
    {
        var environment = new Dictionary<string, string?>(query.ClientEnvironment) { ["QP_CA_FILE"] = null };

        var run = await ClientRun.RunAsync("dotnet", Path.GetTempPath(), environment, Quote, "latest", "600000.SH", "--server", query.TlsAddress.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("is not trusted by this system's CAs", run.Error, StringComparison.Ordinal);
    }
}
