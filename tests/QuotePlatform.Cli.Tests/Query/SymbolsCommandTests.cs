using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Testing;

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
        Assert.Equal([["600710.SH", "SH", "bars"], ["600711.SH", "SH", "quote"]], result.Lines.Select(Columns));
        Assert.Contains("2 symbols matching 6007", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbols_PartOfTheName_NamedSymbolsWithType()
    {
        var day = new DateOnly(2025, 6, 6);
        await new InstrumentStore(stack.ClickHouse).InsertDetailsAsync(
            [Detail("000721.SZ", day, "平安测试"), Detail("601721.SH", day, "中国平安测试"), Detail("600721.SH", day, "招商测试")], 1, CancellationToken.None);

        // The service caches names as briefly as the symbol list (Query:SymbolCacheDuration): new ones show soon after.
        CliResult result = null!;
        await Poll.UntilAsync(
            async () => (result = await CliRun.RunAsync(SymbolsCommand.Create(TimeProvider.System), "平安测试", "--server", stack.Server)).Lines.Length > 0,
            TimeSpan.FromSeconds(30), "the new names listed");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal([["000721.SZ", "SZ", "平安测试", "stock"], ["601721.SH", "SH", "中国平安测试", "stock"]], result.Lines.Select(Columns));
    }

    [Fact]
    public async Task Info_Symbol_DetailsAndDividendFactors()
    {
        var store = new InstrumentStore(stack.ClickHouse);
        await store.InsertDetailsAsync([Detail("000722.SZ", new DateOnly(2025, 6, 6), "平安信息")], 1, CancellationToken.None);
        await store.InsertFactorsAsync([("000722.SZ", new DividendEvent(new DateOnly(2025, 6, 12), 0.362, 0, 0.3, 0, 0, 0, 1.33))], 1, CancellationToken.None);

        var result = await CliRun.RunAsync(InfoCommand.Create(TimeProvider.System), "000722.sz", "--server", stack.Server);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("000722.SZ 平安信息", result.Lines[0]);
        Assert.Contains("listed         1991-04-03", result.Lines);
        Assert.Contains("2025-06-12  cash 0.362  bonus 0  gift 0.3  allot 0@0.00  dr 1.330000", result.Lines);
    }

    [Fact]
    public async Task Info_NoDetails_Exit4WithWhy()
    {
        var result = await CliRun.RunAsync(InfoCommand.Create(TimeProvider.System), "000723.SZ", "--server", stack.Server);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("no details of 000723.SZ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbols_WrongServer_Exit3()
    {
        var result = await CliRun.RunAsync(SymbolsCommand.Create(TimeProvider.System), "--server", Unreachable.Address());

        Assert.Equal(3, result.Exit);
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static InstrumentDetail Detail(string symbol, DateOnly date, string name) =>
        new(symbol, date, name, symbol[^2..], "stock", new DateOnly(1991, 4, 3), 0.01, 11, 9, 10, 1e9, 2e9, 1, 0);
}
