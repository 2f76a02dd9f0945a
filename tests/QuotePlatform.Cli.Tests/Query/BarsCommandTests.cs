using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Output;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.ContractMapping;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Reference;

namespace QuotePlatform.Cli.Tests.Query;

public sealed class BarsCommandTests(QueryStack stack) : IClassFixture<QueryStack>
{
    [Fact]
    public async Task Bars_Jsonl_ExactlyTheLinesQuoteSynthWrites()
    {
        var bars = MarketData.Minutes("600200.SH");
        await stack.StoreAsync(bars);

        var result = await BarsAsync("600200.SH", "--period", "1m", "--from", MarketData.Date, "--format", "jsonl");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            """{"symbol":"600200.SH","period":"1m","frame":"2025-06-06T09:31:00+08:00","open":10,"high":10.5,"low":9.5,"close":10.2,"volume":1000,"amount":10000.5}""",
            result.Lines[0]);
        Assert.Equal(SynthLines(bars), result.Lines);
        Assert.Contains("240 1m bars of 600200.SH, 2025-06-06 to 2025-06-06 (Beijing)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_AdjustFront_PricesBeforeTheExDateAdjustedVolumeRaw()
    {
        var bars = MarketData.Minutes("600204.SH", [0, 239]);
        await stack.StoreAsync(bars);
        await new InstrumentStore(stack.ClickHouse).InsertFactorsAsync(
            [("600204.SH", new DividendEvent(new DateOnly(2025, 6, 12), 0.2, 0, 0, 0, 0, 0, 1.02))], 1, CancellationToken.None);

        var result = await BarsAsync("600204.SH", "--from", MarketData.Date, "--format", "jsonl", "--adjust", "front");

        Assert.True(result.Exit == 0, result.ToString());
        // QMT's front formula: round(close - interest, 2) for a cash dividend after the bar's date.
        Assert.Contains("\"close\":10,\"volume\":1000,", result.Lines[0], StringComparison.Ordinal);
        Assert.Contains("front-adjusted", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_SeveralPages_EveryBarOnceInOrderWithProgress()
    {
        var bars = MarketData.Minutes("600201.SH");
        await stack.StoreAsync(bars);

        var result = await BarsAsync("600201.SH", "--from", MarketData.Date, "--to", MarketData.Date, "--format", "jsonl", "--page-size", "100");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(SynthLines(bars), result.Lines);
        Assert.Contains("bars: 100 fetched (1 pages)", result.Error, StringComparison.Ordinal);
        Assert.Contains("bars: 240 fetched (3 pages)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_Table_OneAlignedRowPerBar()
    {
        await stack.StoreAsync(MarketData.Minutes("600202.SH", [0, 239]));

        var result = await BarsAsync("600202.SH", "--from", MarketData.Date);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(3, result.Lines.Length);
        Assert.Equal(["600202.SH", "1m", "2025-06-06", "09:31", "10.00", "10.50", "9.50", "10.20", "1,000", "10,000.50"], Columns(result.Lines[1]));
        Assert.Equal(["600202.SH", "1m", "2025-06-06", "15:00", "12.39", "12.89", "11.89", "12.59", "1,239", "10,239.50"], Columns(result.Lines[2]));
        Assert.Equal(result.Lines[1].IndexOf("10.20", StringComparison.Ordinal), result.Lines[2].IndexOf("12.59", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bars_Csv_HeaderThenValues()
    {
        var day = MarketData.Minute("600203.SH", 0);
        day.Period = Period._1D;
        day.FrameUnixMs = MarketData.Day;
        await stack.StoreAsync([day]);

        var result = await BarsAsync("600203.SH", "--period", "1d", "--from", "2025-06-02", "--to", "2025-06-06", "--format", "csv");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal([BarCsvOutput.Header, "600203.SH,1d,2025-06-06T00:00:00+08:00,10,10.5,9.5,10.2,1000,10000.5,0"], result.Lines);
    }

    [Fact]
    public async Task Bars_KnownSymbolNothingInRange_Exit0AndSaysSo()
    {
        await stack.StoreAsync(MarketData.Minutes("600204.SH", [0]));

        var result = await BarsAsync("600204.SH", "--from", "2025-06-09", "--format", "csv");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal([BarCsvOutput.Header], result.Lines);
        Assert.Contains("no 1m bars of 600204.SH stored from 2025-06-09 to 2025-06-09 (Beijing)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_UnknownSymbol_Exit2NamingIt()
    {
        var result = await BarsAsync("600998.SH", "--from", MarketData.Date);

        Assert.Equal(2, result.Exit);
        Assert.Contains("600998.SH", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("06/06/2025")]
    [InlineData("yesterday")]
    public async Task Bars_BadDate_Exit1NamingTheOptionAndTheFormat(string date)
    {
        var result = await BarsAsync("600200.SH", "--from", date);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"--from '{date}' is not a date: write a Beijing trading date as YYYY-MM-DD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_ToBeforeFrom_Exit1()
    {
        var result = await BarsAsync("600200.SH", "--from", "2025-06-06", "--to", "2025-06-05");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--to 2025-06-05 is before --from 2025-06-06", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_RangeOverTheServersLimit_Exit1WithItsMessage()
    {
        await stack.StoreAsync(MarketData.Minutes("600205.SH", [0]));

        var result = await BarsAsync("600205.SH", "--from", "2025-01-02", "--to", MarketData.Date);

        Assert.Equal(1, result.Exit);
        Assert.Contains("31 days", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_UnknownPeriod_Exit1ListingThePeriods()
    {
        var result = await BarsAsync("600200.SH", "--from", MarketData.Date, "--period", "2m");

        Assert.Equal(1, result.Exit);
        Assert.Contains("2m", result.Error, StringComparison.Ordinal);
        Assert.Contains("1m", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bars_WrongServer_Exit3SayingHowToStartIt()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(BarsCommand.Create(TimeProvider.System), "600200.SH", "--from", MarketData.Date, "--server", address);

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach the query service at {address}/", result.Error, StringComparison.Ordinal);
        Assert.Contains("start it with scripts/dev.sh up or pass --server", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> BarsAsync(params string[] args) =>
        CliRun.RunAsync(BarsCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);

    private static string[] SynthLines(IEnumerable<Bar> bars)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BarJsonWriter(buffer))
        {
            foreach (var bar in bars)
            {
                writer.Write(bar.ToDomain());
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
