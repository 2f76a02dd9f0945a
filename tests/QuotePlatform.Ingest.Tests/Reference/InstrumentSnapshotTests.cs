using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Ingest.Reference;

namespace QuotePlatform.Ingest.Tests.Reference;

public sealed class InstrumentSnapshotTests
{
    [Fact]
    public void DisagreeingWithCodeRange_TypeOrLotOtherThanTheCodeSays_OnlyThoseListed()
    {
        InstrumentReference[] instruments =
        [
            Detail("000001.SZ", "stock", 1),
            Detail("000300.SH", "index", 1),
            Detail("510300.SH", "etf", 1),
            Detail("113052.SH", "bond", 1),
            Detail("127045.SZ", "other", 1), // the terminal said nothing: the code's range stands
            Detail("159915.SZ", "stock", 1), // an ETF's code range, a stock's type
            Detail("600000.SH", "stock", 10), // a volume multiple other than 1
        ];

        Assert.Equal(["159915.SZ", "600000.SH"], InstrumentSnapshot.DisagreeingWithCodeRange(instruments));
    }

    private static InstrumentReference Detail(string symbol, string type, int volumeMultiple) => new()
    {
        Symbol = symbol,
        TradingDate = "2025-06-12",
        Name = symbol,
        Exchange = symbol[^2..],
        Type = type,
        VolumeMultiple = volumeMultiple,
    };
}
