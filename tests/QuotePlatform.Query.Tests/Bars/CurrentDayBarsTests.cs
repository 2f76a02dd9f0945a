using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Bars;
using QuotePlatform.Query.Bars.CurrentDay;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Streams.Stats;
using QuotePlatform.Testing;
using Xunit;
using BarPeriod = QuotePlatform.Domain.Bars.BarPeriod;

namespace QuotePlatform.Query.Tests.Bars;

/// <summary>GetBars of today answered from memory fed by the final streams: what the FINAL read answers once the writer stored the same entries.</summary>
public sealed class CurrentDayBarsTests : QueryServiceTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    // The service lives on the last weekday (bars of a weekend are refused by the writer and by memory alike;
    // with empty streams the current day is the clock's).
    private static readonly long RealDay = BeijingTime.DayNumber(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
    private static readonly int DaysBack = BeijingTime.DayOfWeek(RealDay) switch { DayOfWeek.Saturday => 1, DayOfWeek.Sunday => 2, _ => 0 };
    private static readonly long Today = BeijingTime.DayStartUnixMs(RealDay - DaysBack);
    private static readonly string[] Symbols = ["600000.SH", "000001.SZ", "430047.BJ"];

    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string> { ["Query:CurrentDay:MaxBars"] = "300" };

    protected override TimeProvider Clock { get; } = new ShiftedClock(TimeSpan.FromDays(-DaysBack));

    private CurrentDayBars Memory => Host.Services.GetRequiredService<CurrentDayBars>();

    [Fact]
    public async Task GetBars_TodayCorrectedRedeliveredAndRefused_AnswersFromMemoryEqualTheFinalRead()
    {
        // Stored long ago (their entries trimmed), then entries still in the streams when the service starts.
        await World.StoreAsync(Day("600000.SH")[..60]);
        await using var writer = await ServiceProcess.StartAsync(
            "QuotePlatform.StorageWriter", World.Settings, http2Only: false, TimeSpan.FromSeconds(90));
        await World.PublishFinalAsync(Day("600000.SH")[60..120]);
        await World.PublishFinalAsync(Day("000001.SZ")[..100]);
        var client = Host.CreateClient();
        await Poll.UntilAsync(() => Task.FromResult(Memory.Bars == 220), Patience, () => $"the day loaded from the streams and ClickHouse: {Memory.Bars} bars held");

        // Redelivered bars, corrections of stored and of streamed bars, a late bar, a new symbol,
        // a bar the writer refuses (high below low), a correction of a correction, the next minutes.
        await World.PublishFinalAsync(Day("600000.SH")[60..120]);
        await World.PublishFinalAsync([.. Day("600000.SH")[10..20].Select(b => Corrected(b, 1)), .. Day("000001.SZ")[50..55].Select(b => Corrected(b, 2))]);
        var impossible = TestData.Minute("430047.BJ", 10, Today);
        impossible.High = impossible.Low - 1;
        await World.PublishFinalAsync([TestData.Minute("000001.SZ", 200, Today), .. Day("430047.BJ")[..5], impossible]);
        await World.PublishFinalAsync([Corrected(TestData.Minute("600000.SH", 15, Today), 3)]);
        await World.PublishFinalAsync(Day("600000.SH")[120..130]);
        var reader = new BarReader(World.ClickHouse);
        await Poll.UntilAsync(async () => await reader.CountAsync(CancellationToken.None) == 236, Patience, "the writer stored every bar");
        // Each stream is read in order: the last new bars read means every entry before them was.
        await Poll.UntilAsync(() => Memory.Bars == 236, Patience, "memory applied every entry");
        var hits = Memory.Hits;

        GetBarsRequest[] requests = [.. Symbols.Select(Request), new() { Symbol = "600000.SH", Period = Period._1M, FromUnixMs = TestData.MinuteFrame(12, Today), ToUnixMs = TestData.MinuteFrame(70, Today) }];
        var answers = new List<GetBarsResponse>();
        foreach (var request in requests)
        {
            var answer = await client.GetBarsAsync(request);
            answers.Add(answer);
            var final = await reader.ReadAsync(request.Symbol, BarPeriod.OneMinute, request.FromUnixMs, request.ToUnixMs, CancellationToken.None);
            Assert.Equal(final.Select(r => r.ToBar()), answer.Bars);
        }

        Assert.Equal(hits + requests.Length, Memory.Hits);
        Assert.Equal(10.2 + 0.15 + 3, answers[0].Bars[15].Close, 6);
        Assert.Equal(10.2 + 0.50 + 2, answers[1].Bars[50].Close, 6);
        Assert.Equal([130, 101, 5, 58], answers.Select(a => a.Bars.Count));
    }

    [Fact]
    public async Task GetBars_TodayOverTheBound_LetGoReportedAndAnsweredFromClickHouse()
    {
        await World.StoreAsync([.. Day("600000.SH"), .. Day("000001.SZ")[..100]]);
        var client = Host.CreateClient();
        await Poll.UntilAsync(() => Memory.Overflows == 1, Patience, "the day let go past 300 bars");

        var answer = await client.GetBarsAsync(Request("000001.SZ"));

        Assert.Equal(100, answer.Bars.Count);
        Assert.Equal(0, Memory.Bars);
        Assert.True(Memory.Misses >= 1, "answered from ClickHouse");
        var reported = await Host.Services.GetRequiredService<IPipelineStatsSource>().ReadAsync(CancellationToken.None);
        Assert.Equal(1, reported.Extra["current_day_overflows_total"]);
        Assert.Equal(300, reported.Extra["current_day_max_bars"]);
        Assert.Equal(0, reported.Extra["current_day_bars"]);
    }

    [Fact]
    public async Task GetBars_NewerDayArrives_ItBecomesTheCurrentDayAnsweredFromMemory()
    {
        var previous = BeijingTime.DayStartUnixMs(BeijingTime.DayNumber(Today) - (BeijingTime.DayOfWeek(BeijingTime.DayNumber(Today)) == DayOfWeek.Monday ? 3 : 1));
        await World.PublishFinalAsync(TestData.Day1m("600000.SH", previous)[..30]);
        var client = Host.CreateClient();
        await Poll.UntilAsync(() => Memory.Bars == 30, Patience, "the previous day held");
        var previousRequest = new GetBarsRequest { Symbol = "600000.SH", Period = Period._1M, FromUnixMs = previous, ToUnixMs = previous + BeijingTime.MillisecondsPerDay };
        Assert.Equal(30, (await client.GetBarsAsync(previousRequest)).Bars.Count);
        var hits = Memory.Hits;

        await World.PublishFinalAsync(Day("600000.SH")[..7]);
        await Poll.UntilAsync(() => Memory.Bars == 7, Patience, "the newer day held in its place");
        var answer = await client.GetBarsAsync(Request("600000.SH"));

        Assert.Equal(Day("600000.SH")[..7], answer.Bars);
        Assert.Equal(hits + 1, Memory.Hits);
    }

    private static List<Bar> Day(string symbol) => TestData.Day1m(symbol, Today);

    private static GetBarsRequest Request(string symbol) =>
        new() { Symbol = symbol, Period = Period._1M, FromUnixMs = Today, ToUnixMs = Today + BeijingTime.MillisecondsPerDay };

    private static Bar Corrected(Bar bar, int by)
    {
        var corrected = bar.Clone();
        corrected.Close += by;
        corrected.High += by;
        corrected.VolumeShares += 100 * by;
        return corrected;
    }
}
