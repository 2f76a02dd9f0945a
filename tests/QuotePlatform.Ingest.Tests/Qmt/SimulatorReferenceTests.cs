using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>
/// The simulated terminal's reference data through <see cref="XtDataModule"/>: details with real names, ex-dividend
/// events inside the history that move the raw prices, renames to ST, and get_market_data_ex's dividend_type.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class SimulatorReferenceTests
{
    private const string LiveDay = "2026-07-20";

    public SimulatorReferenceTests(PythonFixture python) => _ = python;

    [Fact]
    public void InstrumentDetails_LargeCapsAndIndices_RealNamesAndLiveDayPrices()
    {
        using var xt = Connect();
        var day = new DateOnly(2026, 7, 20);

        var details = xt.InstrumentDetails(["000001.SZ", "600000.SH", "000300.SH", "999999.SZ"], day).ToDictionary(d => d.Symbol);

        Assert.Equal(["000001.SZ", "000300.SH", "600000.SH"], details.Keys.Order());
        var pingan = details["000001.SZ"];
        Assert.Equal(("平安银行", "SZ", "stock", new DateOnly(1991, 4, 3)), (pingan.Name, pingan.Exchange, pingan.Type, pingan.ListedOn));
        Assert.Equal(0.01, pingan.PriceTick);
        Assert.Equal(1, pingan.VolumeMultiple);
        Assert.Equal(Math.Round(pingan.PreClose * 1.1, 2), pingan.UpStopPrice);
        Assert.True(pingan.TotalShares >= pingan.FloatShares && pingan.FloatShares > 0);
        Assert.Equal(("沪深300", "index"), (details["000300.SH"].Name, details["000300.SH"].Type));
        Assert.Equal("浦发银行", details["600000.SH"].Name);
    }

    [Fact]
    public void DividendFactors_FixedEvents_CashAndBonusSharesWithDrOfTheCloseBefore()
    {
        using var xt = Connect();

        var factors = xt.DividendFactors(["000001.SZ", "600000.SH"]);

        Assert.Equal([new DateOnly(2025, 6, 12), new DateOnly(2025, 10, 15), new DateOnly(2026, 6, 11)], factors["000001.SZ"].Select(e => e.ExDate));
        Assert.All(factors["000001.SZ"], e => Assert.True(e.Interest > 0 && e.StockBonus == 0 && e.Dr > 1));
        var split = factors["600000.SH"][0]; // 10 转增 3 with cash
        Assert.Equal((new DateOnly(2025, 7, 17), 0.3), (split.ExDate, split.StockGift));
        var raw = Closes(xt, "600000.SH", "20250716", "20250717", "none");
        // dr = the close before / the ex-rights reference price, which is the ex-date's preClose.
        Assert.Equal(raw[0] / ((raw[0] - split.Interest) / 1.3), split.Dr, 9);
        Assert.True(raw[1] < raw[0] * 0.85, "the raw price drops by the bonus shares on the ex-date");
    }

    [Fact]
    public void MarketDataEx_DividendTypes_QmtFormulasAndLatestDayRawWhenFront()
    {
        using var xt = Connect();
        var events = xt.DividendFactors(["600000.SH"])["600000.SH"];
        var adjuster = new DividendAdjuster(events);

        var raw = History(xt, "none");
        var front = History(xt, "front");
        var back = History(xt, "back");

        Assert.Equal(raw.Count, front.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds((long)raw[i][0]).ToOffset(TimeSpan.FromHours(8)).DateTime);
            for (var field = 1; field <= 4; field++)
            {
                Assert.Equal(adjuster.Adjust(raw[i][field], date, PriceAdjustment.Front), front[i][field]);
                Assert.Equal(adjuster.Adjust(raw[i][field], date, PriceAdjustment.Back), back[i][field]);
            }

            Assert.Equal(raw[i][5], front[i][5]); // volume stays raw
        }

        Assert.Equal(raw[^1], front[^1]); // the latest day: no event after it
        Assert.Equal(raw[0][1..5], back[0][1..5]); // the first day: no event on or before it
        Assert.NotEqual(raw[0][4], front[0][4]);
    }

    [Fact]
    public void InstrumentDetails_RenamedStock_StNameFromItsDayOn()
    {
        string[] codes;
        Dictionary<string, string> before, after;
        using (var xt = Connect("2025-01-03", symbols: 0))
        {
            codes = xt.StockList(["沪深A股"]);
            before = xt.InstrumentDetails(codes, new DateOnly(2025, 1, 3)).ToDictionary(d => d.Symbol, d => d.Name);
        }

        using (var xt = Connect("2026-12-01", symbols: 0))
        {
            after = xt.InstrumentDetails(codes, new DateOnly(2026, 12, 1)).ToDictionary(d => d.Symbol, d => d.Name);
        }

        var renamed = codes.Where(c => before[c] != after[c]).ToList();
        Assert.InRange(renamed.Count, 20, 200);
        Assert.All(renamed, c => Assert.Equal("ST" + before[c], after[c]));
    }

    [Fact]
    public void InstrumentDetails_IndicesEtfsAndBonds_ListedByTheirSectorsWithTheirTicksAndLimits()
    {
        using var xt = Connect();
        var day = new DateOnly(2026, 7, 20);
        var indices = xt.StockList(["沪深指数"]);
        var etfs = xt.StockList(["沪深ETF"]);
        var bonds = xt.StockList(["沪深转债"]);

        Assert.Contains("000300.SH", indices);
        Assert.Contains("510300.SH", etfs);
        Assert.Contains("113052.SH", bonds);
        Assert.Equal(40 + indices.Length + etfs.Length + bonds.Length, xt.StockList(["沪深A股", "沪深指数", "沪深ETF", "沪深转债"]).Length);
        var details = xt.InstrumentDetails([.. indices, .. etfs, .. bonds], day).ToDictionary(d => d.Symbol);
        Assert.All(indices, code => Assert.Equal(("index", 0.01, 0.0), (details[code].Type, details[code].PriceTick, details[code].UpStopPrice)));
        Assert.All(etfs, code => Assert.Equal(("etf", 0.001), (details[code].Type, details[code].PriceTick)));
        Assert.All(bonds, code => Assert.Equal(("bond", 0.001), (details[code].Type, details[code].PriceTick)));
        Assert.Equal(("上证指数", "创业板指"), (details["000001.SH"].Name, details["399006.SZ"].Name));
        var bond = details["113052.SH"];
        Assert.Equal(Math.Round(bond.PreClose * 1.2, 3), bond.UpStopPrice, 9);
        Assert.Equal(Math.Round(bond.PreClose * 1000) / 1000, bond.PreClose, 9);
        Assert.All(details.Values, d => Assert.Equal(TradingRules.ForCode(d.Symbol).Kind, TradingRules.ParseKind(d.Type)));
    }

    [Fact]
    public async Task FullTick_IndexEtfAndBond_PricesOnTheirTickAndVolumeInTheirLots()
    {
        using var xt = Connect();
        string[] codes = ["000300.SH", "510300.SH", "159915.SZ", "113052.SH", "127045.SZ", "000001.SZ"];
        SourceTick[] ticks = [];
        await Poll.UntilAsync(
            () => Task.FromResult((ticks = Ticks(xt, codes)).Length == codes.Length && ticks.All(t => t.Tick.VolumeLots > 0)),
            TimeSpan.FromSeconds(30), "every code traded");

        foreach (var (symbol, tick) in ticks.Select(t => (t.Symbol, t.Tick)))
        {
            var rules = TradingRules.ForCode(symbol);
            var steps = tick.LastPrice / rules.PriceTick;
            Assert.True(Math.Abs(steps - Math.Round(steps)) < 1e-6, $"{symbol} {tick.LastPrice} is on its tick {rules.PriceTick}");
            // The day's average price (amount over volume in units) lies between its low and high only with the right lot size.
            var average = tick.Amount / (tick.VolumeLots * rules.UnitsPerLot);
            Assert.InRange(average, tick.Low * 0.999, tick.High * 1.001);
        }
    }

    private static List<double[]> History(XtDataModule xt, string dividendType)
    {
        var (_, values) = xt.History(["600000.SH"], "1d", "20250601", "", dividendType);
        return [.. values.Chunk(9)];
    }

    private static double[] Closes(XtDataModule xt, string code, string from, string to, string dividendType) =>
        [.. xt.History([code], "1d", from, to, dividendType).Values.Chunk(9).Select(row => row[4])];

    private static SourceTick[] Ticks(XtDataModule xt, string[] codes)
    {
        var (tickCodes, values) = xt.FullTick(codes);
        return PackedTicks.Decode(tickCodes, values, xt.TickWidth);
    }

    private static XtDataModule Connect(string day = LiveDay, int symbols = 40)
    {
        Simulator.Configure(("day", day), ("symbols", symbols), ("speed", 60.0), ("start", "09:25:30"), ("seed", 3));
        var xt = new XtDataModule("xtquant.xtdata");
        xt.Connect();
        return xt;
    }
}
