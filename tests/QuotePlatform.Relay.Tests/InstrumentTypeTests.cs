using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams.Reference;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

/// <summary>Indices, ETFs and convertible bonds pass the relay's checks like shares: bars, quotes and details.</summary>
public sealed class InstrumentTypeTests
{
    [Fact]
    public async Task Publish_IndexEtfAndBondBars_AcceptedWithTheirPricesAndVolumes()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var request = new PublishRequest { Sequence = 1, ProducerId = RelayHost.ProducerId, CreatedUnixMs = TestBars.Frame0931 };
        request.Bars.Add(Bar("000300.SH", 3901.23, 3905.67, 3899.12, 3903.45, 12_345_600, 4.8e9));
        request.Bars.Add(Bar("399006.SZ", 2150.11, 2151.02, 2149.87, 2150.5, 8_000_000, 1.6e9));
        request.Bars.Add(Bar("510300.SH", 3.951, 3.957, 3.949, 3.955, 1_230_000, 4_862_000));
        request.Bars.Add(Bar("159915.SZ", 2.201, 2.203, 2.198, 2.199, 560_000, 1_232_000));
        request.Bars.Add(Bar("113052.SH", 110.801, 110.853, 110.795, 110.84, 1_230, 136_300));
        request.Bars.Add(Bar("127045.SZ", 131.205, 131.3, 131.199, 131.25, 40, 5_250));
        request.Quotes.Add(new Quote { Symbol = "510300.SH", TimeUnixMs = TestBars.Frame0931, LastPrice = 3.955, VolumeShares = 1_230_000 });
        request.Quotes.Add(new Quote { Symbol = "113052.SH", TimeUnixMs = TestBars.Frame0931, LastPrice = 110.84, VolumeShares = 1_230 });
        request.Quotes.Add(new Quote { Symbol = "000300.SH", TimeUnixMs = TestBars.Frame0931, LastPrice = 3903.45 });

        var response = await relay.PublishAsync(request);

        Assert.Empty(response.Rejections);
        Assert.Equal((BatchStatus.Written, 6U, 3U), (response.Status, response.AcceptedBars, response.AcceptedQuotes));
        var landed = (await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys)).Select(b => b.Bar).ToDictionary(b => b.Symbol);
        Assert.Equal(request.Bars.ToDictionary(b => b.Symbol), landed);
    }

    [Fact]
    public async Task Publish_DetailsOfEachType_StreamedAndANegativeTickRefused()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var index = Detail("000300.SH", "沪深300", "index", priceTick: 0.01, up: 0, down: 0, preClose: 3900.12);
        var etf = Detail("510300.SH", "沪深300ETF", "etf", priceTick: 0.001, up: 4.345, down: 3.555, preClose: 3.950);
        var bond = Detail("113052.SH", "兴业转债", "bond", priceTick: 0.001, up: 132.96, down: 88.64, preClose: 110.8);
        var broken = Detail("159915.SZ", "创业板ETF", "etf", priceTick: -0.001, up: 2.42, down: 1.98, preClose: 2.2);

        var response = await relay.PublishAsync(new PublishRequest { Sequence = 1, Instruments = { index, etf, bond, broken } });

        Assert.Equal((BatchStatus.Written, 3U), (response.Status, response.AcceptedInstruments));
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal((3U, InstrumentValidator.BadNumber, "159915.SZ"), (rejection.Index, rejection.Reason, rejection.Symbol));
        var entries = await SharedRedis.Database.StreamRangeAsync(relay.Keys.Instruments);
        var streamed = InstrumentStreamEntry.Parse(Assert.Single(entries)).Instruments;
        Assert.Equal([index, etf, bond], streamed);
    }

    private static Bar Bar(string symbol, double open, double high, double low, double close, long volume, double amount) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FrameUnixMs = TestBars.Frame0931,
        Open = open,
        High = high,
        Low = low,
        Close = close,
        VolumeShares = volume,
        AmountCny = amount,
        Final = true,
    };

    private static InstrumentReference Detail(string symbol, string name, string type, double priceTick, double up, double down, double preClose) => new()
    {
        Symbol = symbol,
        TradingDate = "2025-06-12",
        Name = name,
        Exchange = symbol[^2..],
        Type = type,
        PriceTick = priceTick,
        UpStopPrice = up,
        DownStopPrice = down,
        PreClose = preClose,
        VolumeMultiple = 1,
    };
}
