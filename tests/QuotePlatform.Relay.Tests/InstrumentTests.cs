using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams.Reference;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class InstrumentTests
{
    [Fact]
    public async Task Publish_Instruments_GoodOnesStreamedInOneEntryBadOnesRejectedWithReason()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var good = Instrument("000001.SZ", "平安银行");
        good.DividendFactors.Add(new DividendFactor { ExDate = "2025-06-12", Interest = 0.362, Dr = 1.03 });
        var nameless = Instrument("600000.SH", " ");
        var badFactor = Instrument("600036.SH", "招商银行");
        badFactor.DividendFactors.Add(new DividendFactor { ExDate = "2025-07-10", Interest = double.NaN, Dr = 1.02 });
        var badDate = Instrument("600519.SH", "贵州茅台");
        badDate.TradingDate = "20250612";
        var request = new PublishRequest { Sequence = 1, Instruments = { good, nameless, badFactor, badDate, Instrument("601318.SH", "中国平安") } };

        var response = await relay.PublishAsync(request);

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(2U, response.AcceptedInstruments);
        Assert.Equal(
            [(1U, InstrumentValidator.NoName), (2U, InstrumentValidator.BadFactor), (3U, InstrumentValidator.BadDate)],
            response.Rejections.Select(r => (r.Index, r.Reason)));
        Assert.All(response.Rejections, r => Assert.Equal(Rejection.Types.ItemKind.Instrument, r.Kind));
        var entries = await SharedRedis.Database.StreamRangeAsync(relay.Keys.Instruments);
        Assert.Equal(["000001.SZ", "601318.SH"], InstrumentStreamEntry.Parse(Assert.Single(entries)).Instruments.Select(i => i.Symbol));
    }

    private static InstrumentReference Instrument(string symbol, string name) => new()
    {
        Symbol = symbol,
        TradingDate = "2025-06-12",
        Name = name,
        Exchange = symbol[^2..],
        Type = "stock",
        PriceTick = 0.01,
        VolumeMultiple = 1,
    };
}
