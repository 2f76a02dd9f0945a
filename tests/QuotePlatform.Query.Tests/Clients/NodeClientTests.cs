using System.Text.Json;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>clients/node/quote-example.js on @grpc/grpc-js, loading the .proto files at run time.</summary>
public sealed class NodeClientTests(RunningQueryService query) : IClassFixture<RunningQueryService>
{
    private static readonly string ClientDirectory = TestRepository.PathOf("clients/node");
    private static readonly SemaphoreSlim Install = new(1, 1);

    private async Task<ClientRun> RunAsync(params string[] arguments)
    {
        await Install.WaitAsync();
        try
        {
            // The locked dependencies, installed once per checkout (what `npm ci` is for).
            if (!Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@grpc", "grpc-js")))
            {
                var install = await ClientRun.RunAsync("npm", ClientDirectory, "ci", "--no-audit", "--no-fund");
                Assert.True(install.ExitCode == 0, install.ToString());
            }
        }
        finally
        {
            Install.Release();
        }

        return await ClientRun.RunAsync("node", ClientDirectory, query.ClientEnvironment, ["quote-example.js", "--server", query.GrpcTarget, .. arguments]);
    }

    [Fact]
    public async Task Bars_StoredDay_JsonLinesInTheShapeQuoteSynthWrites()
    {
        var run = await RunAsync("bars", "600000.SH", "--period", "1m", "--from", "2025-06-06", "--to", "2025-06-06");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(240, run.Lines.Length);
        using var first = JsonDocument.Parse(run.Lines[0]);
        var bar = first.RootElement;
        var expected = TestData.Minute("600000.SH", 0);
        Assert.Equal("600000.SH", bar.GetProperty("symbol").GetString());
        Assert.Equal("1m", bar.GetProperty("period").GetString());
        Assert.Equal("2025-06-06T09:31:00+08:00", bar.GetProperty("frame").GetString());
        Assert.Equal(expected.Open, bar.GetProperty("open").GetDouble());
        Assert.Equal(expected.Close, bar.GetProperty("close").GetDouble());
        Assert.Equal(expected.VolumeShares, bar.GetProperty("volume").GetInt64());
        Assert.Equal(expected.AmountCny, bar.GetProperty("amount").GetDouble());
        Assert.Contains("\"frame\":\"2025-06-06T15:00:00+08:00\"", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_TwoSymbols_QuotesInOrder()
    {
        var run = await RunAsync("latest", "600000.SH", "000001.SZ");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["600000.SH", "000001.SZ"], run.Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task Latest_HttpsWithTheCaFile_Quote()
    {
        var run = await RunAsync("latest", "--server", query.TlsAddress.ToString().TrimEnd('/'), "000001.SZ");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(11.23, JsonDocument.Parse(Assert.Single(run.Lines)).RootElement.GetProperty("last").GetDouble());
    }

    [Fact]
    public async Task Bars_BadDateTooLongRangeUnreachableOrNoKey_ClearErrorAndExitCode()
    {
        var badDate = await RunAsync("bars", "600000.SH", "--from", "2025-06-06", "--to", "2025-06-40");
        var tooLong = await RunAsync("bars", "600000.SH", "--from", "2025-01-02", "--to", "2025-06-06");
        var unreachable = await ClientRun.RunAsync("node", ClientDirectory, "quote-example.js", "--server", $"127.0.0.1:{LoopbackPort.Free()}", "latest");
        var noKey = await ClientRun.RunAsync("node", ClientDirectory, "quote-example.js", "--server", query.GrpcTarget, "latest");

        Assert.Equal(1, badDate.ExitCode);
        Assert.Contains("2025-06-40", badDate.Error, StringComparison.Ordinal);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("INVALID_ARGUMENT", tooLong.Error, StringComparison.Ordinal);
        Assert.Contains("31 days", tooLong.Error, StringComparison.Ordinal);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("UNAVAILABLE", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("UNAUTHENTICATED", noKey.Error, StringComparison.Ordinal);
    }
}
