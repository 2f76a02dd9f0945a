using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Domain.Symbols;

namespace QuotePlatform.Domain.Tests.Instruments;

public sealed class TradingRulesTests
{
    [Theory]
    [InlineData("600000.SH", InstrumentKind.Stock, 0.01, 100, 0.10)]
    [InlineData("688981.SH", InstrumentKind.Stock, 0.01, 100, 0.20)]
    [InlineData("300750.SZ", InstrumentKind.Stock, 0.01, 100, 0.20)]
    [InlineData("000001.SZ", InstrumentKind.Stock, 0.01, 100, 0.10)]
    [InlineData("430047.BJ", InstrumentKind.Stock, 0.01, 100, 0.30)]
    [InlineData("000001.SH", InstrumentKind.Index, 0.01, 100, null)]
    [InlineData("399006.SZ", InstrumentKind.Index, 0.01, 100, null)]
    [InlineData("899050.BJ", InstrumentKind.Index, 0.01, 100, null)]
    [InlineData("510300.SH", InstrumentKind.Etf, 0.001, 100, 0.10)]
    [InlineData("588000.SH", InstrumentKind.Etf, 0.001, 100, 0.20)]
    [InlineData("159915.SZ", InstrumentKind.Etf, 0.001, 100, 0.10)]
    [InlineData("501018.SH", InstrumentKind.Fund, 0.001, 100, 0.10)]
    [InlineData("161725.SZ", InstrumentKind.Fund, 0.001, 100, 0.10)]
    [InlineData("113052.SH", InstrumentKind.Bond, 0.001, 10, 0.20)]
    [InlineData("118003.SH", InstrumentKind.Bond, 0.001, 10, 0.20)]
    [InlineData("127045.SZ", InstrumentKind.Bond, 0.001, 10, 0.20)]
    [InlineData("123107.SZ", InstrumentKind.Bond, 0.001, 10, 0.20)]
    [InlineData("204001.SH", InstrumentKind.Other, 0.01, 100, null)]
    public void ForCode_CodeRange_TypeTickLotAndLimit(string symbol, InstrumentKind kind, double tick, int unitsPerLot, double? limit)
    {
        Assert.Equal(new TradingRules(kind, tick, unitsPerLot, limit), TradingRules.ForCode(symbol));
    }

    [Theory]
    [InlineData("000300.SH")]
    [InlineData("510300.SH")]
    [InlineData("113052.SH")]
    [InlineData("159915.SZ")]
    [InlineData("127045.SZ")]
    [InlineData("899050.BJ")]
    public void SymbolCode_IndexEtfAndBondCodes_Accepted(string symbol)
    {
        Assert.Null(SymbolCode.Explain(symbol));
    }

    [Fact]
    public void ForDetail_TerminalsDetail_TypeTickMultipleAndLimitFromIt()
    {
        var etf = Detail("510300.SH", "etf", priceTick: 0.001, preClose: 3.950, up: 4.345, down: 3.555, volumeMultiple: 1);
        Assert.Equal(new TradingRules(InstrumentKind.Etf, 0.001, 100, 0.10), TradingRules.ForDetail(etf));

        // An ST stock's limit is 5%, whatever its board: the detail's limit prices say so.
        var st = Detail("600001.SH", "stock", priceTick: 0.01, preClose: 4.00, up: 4.20, down: 3.80, volumeMultiple: 1);
        Assert.Equal(0.05, TradingRules.ForDetail(st).PriceLimitRatio);

        var bond = Detail("113052.SH", "bond", priceTick: 0.001, preClose: 110.0, up: 132.0, down: 88.0, volumeMultiple: 1);
        Assert.Equal(new TradingRules(InstrumentKind.Bond, 0.001, 10, 0.20), TradingRules.ForDetail(bond));

        var index = Detail("000300.SH", "index", priceTick: 0.01, preClose: 3900.0, up: 0, down: 0, volumeMultiple: 1);
        Assert.Equal(new TradingRules(InstrumentKind.Index, 0.01, 100, null), TradingRules.ForDetail(index));
    }

    [Fact]
    public void ForDetail_NoTickNoType_FallsBackToTheCodesRange()
    {
        var detail = Detail("127045.SZ", "other", priceTick: 0, preClose: 0, up: 0, down: 0, volumeMultiple: 0);

        Assert.Equal(new TradingRules(InstrumentKind.Bond, 0.001, 10, 0.20), TradingRules.ForDetail(detail));
    }

    private static InstrumentDetail Detail(string symbol, string type, double priceTick, double preClose, double up, double down, int volumeMultiple) =>
        new(symbol, new DateOnly(2025, 6, 13), "name", symbol[^2..], type, null, priceTick, up, down, preClose, 0, 0, volumeMultiple, 0);
}
