using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Query;

public sealed class LatestCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    [Fact]
    public async Task Latest_KnownSymbols_OneRowEachInTheOrderAsked()
    {
        await stack.PutQuotesAsync(MarketData.Quote("600100.SH", 8.5), MarketData.Quote("000002.SZ", 12.3));

        var result = await LatestAsync("000002.SZ", "600100.sh");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(3, result.Lines.Length);
        Assert.StartsWith("symbol", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal(["000002.SZ", "2025-06-06", "10:00:00", "12.30", "+0.10", "+0.82%", "12.25", "12.50", "12.10", "123,400", "1,234,567.50"], Columns(result.Lines[1]));
        Assert.Equal(["600100.SH", "2025-06-06", "10:00:00", "8.50", "+0.10", "+1.19%", "8.45", "8.70", "8.30", "123,400", "1,234,567.50"], Columns(result.Lines[2]));
    }

    [Fact]
    public async Task Latest_NoSymbol_Answers000001SZ()
    {
        await stack.PutQuotesAsync(MarketData.Quote("000001.SZ", 11.23));

        var result = await LatestAsync();

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("000001.SZ", Columns(Assert.Single(result.Lines.Skip(1)))[0]);
        Assert.Contains(" 11.23 ", result.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_Csv_ExactValues()
    {
        await stack.PutQuotesAsync(MarketData.Quote("600101.SH", 20));

        var result = await LatestAsync("600101.SH", "--format", "csv");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            ["symbol,time,last,change,change_pct,open,high,low,previous_close,volume,amount,status", "600101.SH,2025-06-06T10:00:00+08:00,20,0.1,0.5025,19.95,20.2,19.8,19.9,123400,1234567.5,0"],
            result.Lines);
    }

    [Fact]
    public async Task Latest_UnknownSymbol_Exit2NamingIt()
    {
        var result = await LatestAsync("600999.SH");

        Assert.Equal(2, result.Exit);
        Assert.Contains("600999.SH", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Latest_MalformedSymbol_Exit1WithTheServersReason()
    {
        var result = await LatestAsync("60000X");

        Assert.Equal(1, result.Exit);
        Assert.Contains("60000X", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_WrongServer_Exit3SayingHowToStartIt()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(LatestCommand.Create(TimeProvider.System), "--server", address);

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach the query service at {address}/ (from --server): start it with scripts/dev.sh up or pass --server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_ServerIsTheWebPort_Exit3NamingTheAddress()
    {
        var result = await CliRun.RunAsync(LatestCommand.Create(TimeProvider.System), "--server", stack.WebAddress);

        Assert.Equal(3, result.Exit);
        Assert.Contains(stack.WebAddress, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_ServerNotAnAddress_Exit1()
    {
        var result = await CliRun.RunAsync(LatestCommand.Create(TimeProvider.System), "--server", "localhost:5090");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--server: 'localhost:5090' is not an http:// or https:// address", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> LatestAsync(params string[] args) =>
        CliRun.RunAsync(LatestCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
