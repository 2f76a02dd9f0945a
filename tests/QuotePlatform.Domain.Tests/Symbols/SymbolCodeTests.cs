using QuotePlatform.Domain.Symbols;

namespace QuotePlatform.Domain.Tests.Symbols;

public sealed class SymbolCodeTests
{
    [Theory]
    [InlineData("600000.SH", true)]
    [InlineData("000001.SZ", true)]
    [InlineData("430047.BJ", true)]
    [InlineData("600000.sh", false)]
    [InlineData("600000SH", false)]
    [InlineData("60000A.SH", false)]
    [InlineData("600000.HK", false)]
    [InlineData("600000_SH", false)]
    [InlineData("", false)]
    [InlineData("6000000.SH", false)]
    public void IsValid_Code_AcceptsOnlySixDigitsDotExchange(string symbol, bool expected)
    {
        Assert.Equal(expected, SymbolCode.IsValid(symbol));
    }

    [Fact]
    public void Explain_WrongExchange_NamesIt()
    {
        Assert.Equal("symbol '600000.HK' has exchange 'HK', expected SH, SZ or BJ", SymbolCode.Explain("600000.HK"));
    }
}
