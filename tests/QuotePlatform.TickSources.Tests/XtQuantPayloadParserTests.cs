using System.Text;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.TickSources;
using Xunit;

namespace QuotePlatform.TickSources.Tests;

public sealed class XtQuantPayloadParserTests
{
    private static (string? Error, List<SymbolTick> Ticks, List<string> Symbols) Parse(string line)
    {
        var symbols = new List<string>();
        var parser = new XtQuantPayloadParser(span =>
        {
            symbols.Add(span.ToString());
            return symbols.Count - 1;
        });
        var ticks = new List<SymbolTick>();
        var error = parser.Parse(Encoding.UTF8.GetBytes(line), ticks);
        return (error, ticks, symbols);
    }

    [Fact]
    public void Parse_WholeQuotePayload_ReadsFieldsAndSkipsTheRest()
    {
        var (error, ticks, symbols) = Parse("""
            {"600000.SH": {"time": 1749173700000, "lastPrice": 8.01, "open": 8.0, "high": 8.05, "low": 7.99, "lastClose": 7.98, "amount": 1.5e6, "volume": 1875.0, "pvolume": 187500, "stockStatus": 13, "openInt": 13, "transactionNum": 77, "askPrice": [8.02, 8.03], "bidPrice": [8.01], "askVol": [1, 2], "bidVol": [3], "settlementPrice": 0}}
            """);

        Assert.Null(error);
        Assert.Equal(["600000.SH"], symbols);
        var tick = Assert.Single(ticks).Tick;
        Assert.Equal(new Domain.Ticks.MarketTick(1_749_173_700_000, 8.01, 8.05, 7.99, 7.98, 1_500_000, 1875, 13), tick);
    }

    [Fact]
    public void Parse_XtQuantTickWithoutArchiveFields_ClockAndArchiveFieldsZero()
    {
        var parser = new XtQuantPayloadParser(_ => 0);
        var ticks = new List<SymbolTick>();
        var books = new List<TickBook>();

        var error = parser.Parse(Encoding.UTF8.GetBytes("""{"600000.SH": {"time": 1749173700000, "lastPrice": 8.01}}"""), ticks, books);

        Assert.Null(error);
        Assert.Equal([0L], parser.Clocks);
        var book = Assert.Single(books);
        Assert.Equal((0L, 0L), (book.PVolume, book.TransactionNum));
    }

    [Fact]
    public void Parse_ArchivedTickLine_ClockAndArchiveFieldsKept()
    {
        var parser = new XtQuantPayloadParser(_ => 0);
        var ticks = new List<SymbolTick>();
        var books = new List<TickBook>();

        var error = parser.Parse(Encoding.UTF8.GetBytes("""
            {"600000.SH": {"time": 1749173700000, "lastPrice": 8.01, "volume": 1875, "pvolume": 187500, "transactionNum": 77, "bidPrice": [8.01, 8.0], "bidVol": [3, 4], "engineClock": 1749173725000}}
            """), ticks, books);

        Assert.Null(error);
        Assert.Equal([1_749_173_725_000L], parser.Clocks);
        var book = Assert.Single(books);
        Assert.Equal((187_500L, 77L), (book.PVolume, book.TransactionNum));
        Assert.Equal([8.01, 8.0], book.BidPrices);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("""{"600000.SH": [1, 2]}""")]
    [InlineData("""{"600000.SH": {"lastPrice": 1.0}}""")]
    [InlineData("""{"600000.SH": {"time": 1, "lastPrice": "x"}}""")]
    [InlineData("""{"600000.SH": {"time": 1, "lastPrice": NaN}}""")]
    [InlineData("""{"600000.SH": {"time": 1}""")]
    [InlineData("""{"600000.SH": {"time": 1}} {}""")]
    public void Parse_Malformed_ReturnsErrorAndNoTicks(string line)
    {
        var (error, ticks, _) = Parse(line);

        Assert.NotNull(error);
        Assert.Empty(ticks);
    }

    [Fact]
    public void Parse_NullPrice_BecomesNaNForTheEngineToReject()
    {
        var (error, ticks, _) = Parse("""{"600000.SH": {"time": 1, "lastPrice": null}}""");

        Assert.Null(error);
        Assert.True(double.IsNaN(Assert.Single(ticks).Tick.LastPrice));
    }
}
