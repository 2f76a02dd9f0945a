using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using BarPeriod = QuotePlatform.Domain.Bars.BarPeriod;
using QuotePlatform.Query.Bars;
using QuotePlatform.Query.Bars.DayCache;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Streams.Stats;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

/// <summary>GetBars of a closed day answered from memory: always what ClickHouse's FINAL read answers.</summary>
public sealed class DayCacheTests : QueryServiceTest
{
    private static readonly string[] Symbols = ["600000.SH", "000001.SZ", "430047.BJ"];
    private static readonly long SecondDay = TestData.DayOf("2025-06-09");

    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string> { ["Query:DayCache:CheckInterval"] = "00:00:00.050", ["Query:DayCache:MaxBars"] = "600" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await World.StoreAsync([.. TestData.Day1m("600000.SH"), .. TestData.Day1m("000001.SZ"), .. TestData.Day1m("430047.BJ")[..10]]);
    }

    private DayBarCache Cache => Host.Services.GetRequiredService<DayBarCache>();

    private static GetBarsRequest Request(string symbol, long day, long fromMinute = 0, long toMinute = 240) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FromUnixMs = TestData.MinuteFrame((int)fromMinute, day),
        ToUnixMs = toMinute == 240 ? day + 86_400_000 : TestData.MinuteFrame((int)toMinute, day),
    };

    /// <summary>What BarReader reads with FINAL, as GetBars answers it.</summary>
    private async Task<List<Bar>> FinalReadAsync(GetBarsRequest request) =>
        [.. (await new BarReader(World.ClickHouse).ReadAsync(request.Symbol, BarPeriod.OneMinute, request.FromUnixMs, request.ToUnixMs, CancellationToken.None)).Select(r => r.ToBar())];

    /// <summary>Asks until the day is loaded, then once more: every answer of this round from memory.</summary>
    private async Task<List<(GetBarsRequest Request, GetBarsResponse Answer)>> ReadFromMemoryAsync(params GetBarsRequest[] requests)
    {
        var client = Host.CreateClient();
        List<(GetBarsRequest, GetBarsResponse)> answers = [];
        await Poll.UntilAsync(
            async () =>
            {
                var misses = Cache.Misses;
                answers = [];
                foreach (var request in requests)
                {
                    answers.Add((request, await client.GetBarsAsync(request)));
                }

                return Cache.Misses == misses;
            },
            TimeSpan.FromSeconds(30),
            "every answer from the day cache");
        return answers;
    }

    private async Task AssertSameAsFinalAsync(List<(GetBarsRequest Request, GetBarsResponse Answer)> answers)
    {
        foreach (var (request, answer) in answers)
        {
            Assert.Equal(await FinalReadAsync(request), answer.Bars);
        }
    }

    [Fact]
    public async Task GetBars_ClosedDayCorrectedAndRedelivered_AnswersFromMemoryEqualTheFinalRead()
    {
        await World.StoreAsync([TestData.Minute("600999.SH", 0, SecondDay)]);
        GetBarsRequest[] requests = [.. Symbols.Select(s => Request(s, TestData.Day)), Request("600000.SH", TestData.Day, 100, 130), Request("600999.SH", TestData.Day)];
        // 600999.SH has no bars that day yet: asked of ClickHouse, never answered empty from memory.
        await AssertSameAsFinalAsync(await ReadFromMemoryAsync(requests[..^1]));
        var misses = Cache.Misses;
        Assert.Empty((await Host.CreateClient().GetBarsAsync(requests[^1])).Bars);
        Assert.Equal(misses + 1, Cache.Misses);
        var hits = Cache.Hits;

        // Redelivered entries (same version), corrections (a later version), a late bar of a
        // symbol that had none that minute, and a symbol new to the day.
        await World.StoreAsync([.. TestData.Day1m("600000.SH")[50..120], .. TestData.Day1m("000001.SZ")[..30]]);
        await World.StoreAsync([.. TestData.Day1m("600000.SH")[100..110].Select(b => Corrected(b, 1)), Corrected(TestData.Minute("000001.SZ", 0), 2)], version: 2);
        await World.StoreAsync([TestData.Minute("430047.BJ", 200), .. TestData.Day1m("600999.SH")[..5]], version: 3);
        await World.StoreAsync([Corrected(TestData.Minute("600000.SH", 105), 3)], version: 4);
        // Answers may be one round of checks behind what is stored: wait for a round begun after the stores.
        var rounds = Cache.Rounds;
        await Poll.UntilAsync(() => Cache.Rounds >= rounds + 2, TimeSpan.FromSeconds(30), "a round of checks after the stores");
        var answers = await ReadFromMemoryAsync(requests);

        await AssertSameAsFinalAsync(answers);
        Assert.True(Cache.Hits > hits, "answered from the day cache");
        Assert.Equal(10.2 + 1.05 + 3, answers[0].Answer.Bars[105].Close, 6);
        Assert.Equal(11, answers[2].Answer.Bars.Count);
        Assert.Equal(5, answers[4].Answer.Bars.Count);
    }

    [Fact]
    public async Task GetBars_TwoDaysOverTheBound_OlderDayDroppedHeldBarsWithinTheBoundAndReported()
    {
        await World.StoreAsync([.. TestData.Day1m("600000.SH", SecondDay), .. TestData.Day1m("000001.SZ", SecondDay)]);

        await AssertSameAsFinalAsync(await ReadFromMemoryAsync(Request("600000.SH", TestData.Day)));
        await AssertSameAsFinalAsync(await ReadFromMemoryAsync(Request("000001.SZ", SecondDay)));

        Assert.Equal(1, Cache.Days);
        Assert.Equal(480, Cache.Bars);
        Assert.True(Cache.Bytes > 480 * 60);
        var reported = await Host.Services.GetRequiredService<IPipelineStatsSource>().ReadAsync(CancellationToken.None);
        Assert.Equal(480, reported.Extra["day_cache_bars"]);
        Assert.Equal(600, reported.Extra["day_cache_max_bars"]);
        Assert.Equal(Cache.Bytes, reported.Extra["day_cache_bytes"]);
        Assert.Equal(1, reported.Extra["day_cache_days"]);
    }

    [Fact]
    public async Task GetBars_RangeOverTwoDays_AnsweredFromClickHouse()
    {
        await World.StoreAsync(TestData.Day1m("600000.SH", SecondDay));
        await ReadFromMemoryAsync(Request("600000.SH", TestData.Day));
        var hits = Cache.Hits;
        var request = new GetBarsRequest { Symbol = "600000.SH", Period = Period._1M, FromUnixMs = TestData.Day, ToUnixMs = SecondDay + 86_400_000 };

        var answer = await Host.CreateClient().GetBarsAsync(request);

        Assert.Equal(480, answer.Bars.Count);
        Assert.Equal(hits, Cache.Hits);
    }

    private static Bar Corrected(Bar bar, int by)
    {
        var corrected = bar.Clone();
        corrected.Close += by;
        corrected.VolumeShares += 100 * by;
        return corrected;
    }
}
