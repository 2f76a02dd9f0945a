using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Query;

public sealed class SymbolsCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    [Fact]
    public async Task Symbols_Prefix_KnownOnesWithWhatIsHeld()
    {
        await stack.StoreAsync(MarketData.Minutes("600710.SH", [0]));
        await stack.PutQuotesAsync(MarketData.Quote("600711.SH", 9), MarketData.Quote("000711.SZ", 9));

        var result = await CliRun.RunAsync(SymbolsCommand.Create(TimeProvider.System), "6007", "--server", stack.Server);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(["600710.SH  SH  bars", "600711.SH  SH  quote"], result.Lines);
        Assert.Contains("2 symbols starting with 6007", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbols_WrongServer_Exit3()
    {
        var result = await CliRun.RunAsync(SymbolsCommand.Create(TimeProvider.System), "--server", Unreachable.Address());

        Assert.Equal(3, result.Exit);
    }
}
