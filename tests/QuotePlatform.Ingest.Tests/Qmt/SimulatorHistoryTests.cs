using System.Collections.Concurrent;
using System.Globalization;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>
/// The simulated terminal's calendar and history through <see cref="XtDataModule"/>, as the history import
/// reads them: the exchanges' real holidays, 241 1m bars per stock and past trading day, the same values
/// whichever chunk asks, 5m and 1d rolled up from the 1m bars, prices continuing from day to day.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class SimulatorHistoryTests
{
    private const string LiveDay = "2025-06-06";

    public SimulatorHistoryTests(PythonFixture python) => _ = python; // the collection's interpreter is running

    [Fact]
    public void TradingDates_AroundHolidays_HolidaysAndWeekendsLeftOut()
    {
        using var xt = Connect();

        Assert.Equal(["20250530", "20250603", "20250604"], xt.TradingDates("SH", "20250530", "20250604"));
        // The days after the live day come from the holiday list, as the terminal's calendar lists them;
        // a make-up working Saturday (2025-10-11) is no trading day.
        Assert.Equal(["20250930", "20251009", "20251010", "20251013"], xt.TradingDates("SZ", "20250930", "20251013"));
        Assert.Equal(["20260213", "20260224"], xt.TradingDates("SH", "20260213", "20260224"));
        // Beyond the holiday data (2026) the terminal knows no days: they are left out, not an error.
        Assert.Equal(["20261230", "20261231"], xt.TradingDates("SH", "20261230", "20270105"));
    }

    [Fact]
    public void History_PastDay_241MinuteBarsPerTradingSymbolLabelledAsQmt()
    {
        using var xt = Connect();
        var codes = xt.StockList(["沪深A股"]);

        var bars = Rows(xt.History(codes, "1m", "20250605", "20250605"));

        Assert.InRange(bars.Count, codes.Length - 2, codes.Length); // a suspended stock has no bars that day
        Assert.All(bars.Values, day => Assert.Equal(241, day.Count));
        var labels = bars["000001.SZ"].Select(bar => Clock((long)bar[0])).ToArray();
        Assert.Equal(["09:30", "09:31", "09:32"], labels[..3]);
        Assert.Equal(["11:29", "11:30", "13:01"], labels[119..122]);
        Assert.Equal("15:00", labels[^1]);
        Assert.All(bars.Values.SelectMany(day => day), bar => Assert.Equal(new DateOnly(2025, 6, 5), Date((long)bar[0])));
        Assert.All(bars.Values.SelectMany(day => day), bar =>
        {
            Assert.True(bar[3] <= Math.Min(bar[1], bar[4]) && bar[2] >= Math.Max(bar[1], bar[4]) && bar[3] > 0, "low <= open, close <= high");
            Assert.Equal(0, bar[8]); // suspendFlag
        });
        var flat = bars.Values.SelectMany(day => day).Where(bar => bar[5] == 0).ToList();
        Assert.NotEmpty(flat); // minutes without a trade: flat at the last price, no amount
        Assert.All(flat, bar => Assert.True(bar[1] == bar[2] && bar[2] == bar[3] && bar[3] == bar[4] && bar[6] == 0));
    }

    [Fact]
    public void History_SameDaysAskedTwiceInOtherChunksAndUniverses_SameValues()
    {
        Dictionary<string, List<double[]>> whole, again, pair;
        using (var xt = Connect())
        {
            var codes = xt.StockList(["沪深A股"]);
            whole = Rows(xt.History(codes, "1m", "20250602", "20250604"));
            again = Rows(xt.History([.. Enumerable.Reverse(codes)], "1m", "20250603", "20250604"));
        }

        using (var xt = Connect(symbols: 400))
        {
            pair = Rows(xt.History(["600000.SH", "000001.SZ"], "1m", "20250604", "20250604")); // in every universe
        }

        Assert.Equal(whole.Keys.Order(), again.Keys.Order());
        Assert.All(whole, stock => Assert.Equal(stock.Value, again[stock.Key]));
        Assert.Equal(2 * 241, whole["000001.SZ"].Count); // 2025-06-02 is the Dragon Boat holiday
        Assert.Equal(whole["000001.SZ"][241..], pair["000001.SZ"]);
        Assert.Equal(whole["600000.SH"].Where(bar => Date((long)bar[0]) == new DateOnly(2025, 6, 4)), pair["600000.SH"]);
    }

    [Fact]
    public void History_DailyAndFiveMinuteBars_AggregateTheDaysMinuteBars()
    {
        using var xt = Connect();
        var codes = xt.StockList(["沪深A股"]).Take(20).ToArray();

        var minutes = Rows(xt.History(codes, "1m", "20250603", "20250605"));
        var fives = Rows(xt.History(codes, "5m", "20250603", "20250605"));
        var days = Rows(xt.History(codes, "1d", "20250603", "20250605"));

        Assert.NotEmpty(days);
        foreach (var (code, daily) in days)
        {
            foreach (var day in daily)
            {
                var date = Date((long)day[0]);
                Assert.Equal("00:00", Clock((long)day[0])); // a 1d bar is labelled by its date's midnight
                var bars = minutes[code].Where(bar => Date((long)bar[0]) == date).ToList();
                var five = fives[code].Where(bar => Date((long)bar[0]) == date).ToList();
                Assert.Equal(241, bars.Count);
                Assert.Equal(48, five.Count);
                Assert.Equal(["09:35", "09:40"], five.Take(2).Select(bar => Clock((long)bar[0])));
                Assert.Equal(["11:30", "13:05"], five.Skip(23).Take(2).Select(bar => Clock((long)bar[0])));
                Assert.Equal(bars[0][1], five[0][1]); // the 09:30 auction bar opens the first 5m bar
                foreach (var aggregate in new[] { day, Fold(five) })
                {
                    Assert.Equal(bars[0][1], aggregate[1]);
                    Assert.Equal(bars.Max(bar => bar[2]), aggregate[2]);
                    Assert.Equal(bars.Min(bar => bar[3]), aggregate[3]);
                    Assert.Equal(bars[^1][4], aggregate[4]);
                    Assert.Equal(bars.Sum(bar => bar[5]), aggregate[5]);
                    Assert.Equal(bars.Sum(bar => bar[6]), aggregate[6], 1e-6 * aggregate[6]);
                    Assert.Equal(bars[0][7], aggregate[7]);
                }
            }
        }
    }

    [Fact]
    public async Task History_ConsecutiveDaysAndTheLiveDay_PreCloseIsThePreviousCloseOrTheExRightsPrice()
    {
        using var xt = Connect();
        var codes = xt.StockList(["沪深A股"]);
        var events = xt.DividendFactors(codes);
        // The live day's bars exist once the simulated market has matched its opening auction (09:25).
        await Poll.UntilAsync(() => Task.FromResult(xt.MarketTimeUnixMs() is not null), TimeSpan.FromMinutes(1), () => "the simulated market's first step");

        var days = Rows(xt.History(codes, "1d", "20250501", "20250606"));

        var checkedDays = 0;
        foreach (var (code, daily) in days)
        {
            for (var i = 1; i < daily.Count; i++)
            {
                var exDay = events.GetValueOrDefault(code)?.Find(e => e.ExDate == Date((long)daily[i][0]));
                if (exDay is { } e)
                {
                    // An ex-dividend day starts from the exchange's reference price, whole cents.
                    Assert.Equal(Math.Round((daily[i - 1][4] - e.Interest) / (1 + e.StockBonus + e.StockGift), 2), daily[i][7], 0.0100001);
                    continue;
                }

                Assert.True(daily[i][7] == daily[i - 1][4], $"{code} {Date((long)daily[i][0])}: preClose {daily[i][7]}, previous close {daily[i - 1][4]}");
                checkedDays++;
            }
        }

        Assert.Equal(new DateOnly(2025, 6, 6), Date((long)days["000001.SZ"][^1][0])); // the live day continues the history
        Assert.True(checkedDays > codes.Length * 15, $"{checkedDays} day pairs checked");
        Assert.DoesNotContain(days["000001.SZ"], day => Date((long)day[0]) is { Month: 5, Day: 1 or 2 or 5 }); // Labour Day
    }

    [Fact]
    public void DownloadHistory_ChunkOfSymbols_ReportsEverySymbolUpToTotal()
    {
        using var xt = Connect();
        var codes = xt.StockList(["沪深A股"]).Take(25).ToArray();
        var reports = new ConcurrentQueue<(int Finished, int Total)>();

        xt.DownloadHistory(codes, "1m", "20250601", "20250605", (finished, total) => reports.Enqueue((finished, total)));

        Assert.Equal(Enumerable.Range(1, codes.Length).Select(n => (n, codes.Length)), reports);
        xt.DownloadHistory(codes, "1d", "20250601", "20250605", progress: null);
    }

    private static XtDataModule Connect(int symbols = 40)
    {
        Simulator.Configure(("day", LiveDay), ("symbols", symbols), ("speed", 60.0), ("start", "09:25:30"), ("seed", 3));
        var xt = new XtDataModule("xtquant.xtdata");
        xt.Connect();
        return xt;
    }

    /// <summary>Packed rows by code, in order.</summary>
    private static Dictionary<string, List<double[]>> Rows((string[] Codes, double[] Values) packed)
    {
        var rows = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
        for (var i = 0; i < packed.Codes.Length; i++)
        {
            var code = packed.Codes[i];
            if (!rows.TryGetValue(code, out var list))
            {
                rows[code] = list = [];
            }

            list.Add(packed.Values[(i * 9)..((i + 1) * 9)]);
        }

        return rows;
    }

    /// <summary>The day's 5m bars folded into one (as the 1d bar should be).</summary>
    private static double[] Fold(List<double[]> bars) =>
        [bars[0][0], bars[0][1], bars.Max(b => b[2]), bars.Min(b => b[3]), bars[^1][4], bars.Sum(b => b[5]), bars.Sum(b => b[6]), bars[0][7], 0];

    private static DateTimeOffset Beijing(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(TimeSpan.FromHours(8));

    private static DateOnly Date(long unixMs) => DateOnly.FromDateTime(Beijing(unixMs).DateTime);

    private static string Clock(long unixMs) => Beijing(unixMs).ToString("HH:mm", CultureInfo.InvariantCulture);
}
