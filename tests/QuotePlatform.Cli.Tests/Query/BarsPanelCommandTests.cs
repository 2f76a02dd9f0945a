using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Output;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Query;

/// <summary>`quote bars --all`: its own stack, so "every symbol" is exactly what these tests store.</summary>
public sealed class BarsPanelCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    private static readonly long Monday = MarketData.Day + (3 * 86_400_000L);

    [Fact]
    public async Task BarsAll_TwoDaysCsv_EveryBarOnceByFrameThenSymbol()
    {
        await stack.StoreAsync([.. MarketData.Minutes("600000.SH"), .. MarketData.Minutes("000001.SZ", [0, 1, 239]), .. MarketData.Minutes("600000.SH", [0], Monday)]);
        await stack.StoreAsync(MarketData.Minutes("000001.SZ", [0]));

        var result = await BarsAsync("--all", "--period", "1m", "--from", MarketData.Date, "--to", "2025-06-09", "--format", "csv");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(BarCsvOutput.Header, result.Lines[0]);
        Assert.Equal(
            [
                "000001.SZ,1m,2025-06-06T09:31:00+08:00,10,10.5,9.5,10.2,1000,10000.5,0",
                "600000.SH,1m,2025-06-06T09:31:00+08:00,10,10.5,9.5,10.2,1000,10000.5,0",
                "000001.SZ,1m,2025-06-06T09:32:00+08:00,10.01,10.51,9.51,10.21,1001,10001.5,0",
                "600000.SH,1m,2025-06-06T09:32:00+08:00,10.01,10.51,9.51,10.21,1001,10001.5,0",
                "600000.SH,1m,2025-06-06T09:33:00+08:00,10.02,10.52,9.52,10.22,1002,10002.5,0",
            ],
            result.Lines[1..6]);
        Assert.Equal(
            [
                "000001.SZ,1m,2025-06-06T15:00:00+08:00,12.39,12.89,11.89,12.59,1239,10239.5,0",
                "600000.SH,1m,2025-06-06T15:00:00+08:00,12.39,12.89,11.89,12.59,1239,10239.5,0",
                "600000.SH,1m,2025-06-09T09:31:00+08:00,10,10.5,9.5,10.2,1000,10000.5,0",
            ],
            result.Lines[^3..]);
        Assert.Equal(1 + 240 + 3 + 1, result.Lines.Length);
        Assert.Contains("244 1m bars of every symbol, 2025-06-06 to 2025-06-09 (Beijing)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("600000.SH", "--all")]
    [InlineData]
    public async Task BarsAll_SymbolAndAllOrNeither_Exit1(params string[] args)
    {
        var result = await BarsAsync([.. args, "--from", MarketData.Date]);

        Assert.Equal(1, result.Exit);
        Assert.Contains("give either a SYMBOL or --all", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> BarsAsync(params string[] args) =>
        CliRun.RunAsync(BarsCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);
}
