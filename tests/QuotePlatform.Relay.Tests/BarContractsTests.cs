using QuotePlatform.ContractMapping;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using Xunit;
using DomainBar = QuotePlatform.Domain.Bars.Bar;
using DomainQuality = QuotePlatform.Domain.Bars.BarQuality;
using WireQuality = QuotePlatform.Contracts.MarketData.V1.BarQuality;

namespace QuotePlatform.Relay.Tests;

/// <summary>The one mapping between wire and domain bars, which every service uses.</summary>
public sealed class BarContractsTests
{
    [Fact]
    public void Periods_EveryValue_MapsToThePeriodOfTheSameLength()
    {
        var expected = new Dictionary<BarPeriod, Period>
        {
            [BarPeriod.Unspecified] = Period.Unspecified,
            [BarPeriod.OneMinute] = Period._1M,
            [BarPeriod.FiveMinutes] = Period._5M,
            [BarPeriod.FifteenMinutes] = Period._15M,
            [BarPeriod.ThirtyMinutes] = Period._30M,
            [BarPeriod.SixtyMinutes] = Period._60M,
            [BarPeriod.OneDay] = Period._1D,
        };

        Assert.Equal(Enum.GetValues<BarPeriod>().Length, expected.Count);
        Assert.Equal(Enum.GetValues<Period>().Length, expected.Count);
        Assert.All(expected, pair =>
        {
            Assert.Equal(pair.Value, pair.Key.ToContract());
            Assert.Equal(pair.Key, pair.Value.ToDomain());
        });
    }

    [Fact]
    public void QualityFlags_EveryBit_IsTheProtoValue()
    {
        var expected = new Dictionary<DomainQuality, WireQuality>
        {
            [DomainQuality.Partial] = WireQuality.Partial,
            [DomainQuality.Flat] = WireQuality.Flat,
            [DomainQuality.LateVolume] = WireQuality.LateVolume,
            [DomainQuality.Auction] = WireQuality.Auction,
            [DomainQuality.Imported] = WireQuality.Imported,
            [DomainQuality.ImportReplaces] = WireQuality.ImportReplaces,
        };

        Assert.Equal(Enum.GetValues<DomainQuality>().Length - 1, expected.Count);
        Assert.All(expected, pair => Assert.Equal((uint)pair.Value, (uint)pair.Key));
    }

    [Fact]
    public void ToContract_ThenToDomain_GivesTheBarBackWithTheAmountInFen()
    {
        var bar = new DomainBar("600000.SH", BarPeriod.FiveMinutes, 1_749_173_700_000, 10.01, 10.05, 9.98, 10.02, 123_400,
            1_236_543.456, Final: true, DomainQuality.Flat | DomainQuality.Imported);

        var back = bar.ToContract().ToDomain();

        Assert.Equal(bar with { AmountCny = 1_236_543.46 }, back);
    }
}
