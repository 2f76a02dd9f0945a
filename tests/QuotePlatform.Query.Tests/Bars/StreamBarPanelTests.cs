using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

public sealed class StreamBarPanelTests : QueryServiceTest
{
    private static readonly long SecondDay = TestData.DayOf("2025-06-09");

    // Small messages, so a symbol's day spans several of them.
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string> { ["Query:PanelMessageBars"] = "100" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var day in new[] { TestData.Day, SecondDay })
        {
            await World.StoreAsync([.. TestData.Day1m("600000.SH", day), .. TestData.Day1m("000001.SZ", day), .. TestData.Day1m("430047.BJ", day)[..10]]);
        }

        // A redelivery (same version) and a later correction (higher version) of stored bars.
        await World.StoreAsync(TestData.Day1m("000001.SZ")[..50]);
        await World.StoreAsync([Corrected(TestData.Minute("600000.SH", 7))], version: 2);
    }

    private static Bar Corrected(Bar bar)
    {
        var corrected = bar.Clone();
        corrected.Close += 1;
        corrected.VolumeShares += 500;
        return corrected;
    }

    private static StreamBarPanelRequest Request(long from, long to, params string[] symbols) => new()
    {
        Symbols = { symbols },
        Period = Period._1M,
        FromUnixMs = from,
        ToUnixMs = to,
    };

    private async Task<List<StreamBarPanelResponse>> ReadAllAsync(StreamBarPanelRequest request)
    {
        using var call = Host.CreateClient().StreamBarPanel(request);
        var messages = new List<StreamBarPanelResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>The bars of panel messages, in the order sent.</summary>
    private static List<Bar> Bars(IEnumerable<StreamBarPanelResponse> messages)
    {
        var bars = new List<Bar>();
        foreach (var message in messages)
        {
            var i = 0;
            for (var s = 0; s < message.Symbols.Count; s++)
            {
                for (var n = 0; n < message.BarCounts[s]; n++, i++)
                {
                    bars.Add(new Bar
                    {
                        Symbol = message.Symbols[s],
                        Period = Period._1M,
                        FrameUnixMs = message.FrameUnixMs[i],
                        Open = message.Open[i],
                        High = message.High[i],
                        Low = message.Low[i],
                        Close = message.Close[i],
                        VolumeShares = message.VolumeShares[i],
                        AmountCny = message.AmountCny[i],
                        Final = true,
                        QualityFlags = message.QualityFlags[i],
                    });
                }
            }

            Assert.Equal(message.FrameUnixMs.Count, i);
        }

        return bars;
    }

    [Fact]
    public async Task StreamBarPanel_EverySymbolTwoDays_EachStoredBarOnceWithItsLatestVersion()
    {
        var messages = await ReadAllAsync(Request(TestData.Day, SecondDay + 86_400_000));

        var expected = new List<Bar>();
        foreach (var day in new[] { TestData.Day, SecondDay })
        {
            expected.AddRange(TestData.Day1m("000001.SZ", day));
            expected.AddRange(TestData.Day1m("430047.BJ", day)[..10]);
            expected.AddRange(TestData.Day1m("600000.SH", day));
        }

        expected[240 + 10 + 7] = Corrected(TestData.Minute("600000.SH", 7));
        Assert.Equal(expected, Bars(messages));
    }

    [Fact]
    public async Task StreamBarPanel_RangeOfFourDays_EachDaysLastMessageSaysItIsComplete()
    {
        var messages = await ReadAllAsync(Request(TestData.Day, SecondDay + 86_400_000));

        // Friday, the weekend (nothing stored: one empty message each), Monday.
        var completions = messages.Where(m => m.CompleteBeforeUnixMs != 0).Select(m => m.CompleteBeforeUnixMs).ToList();
        Assert.Equal([.. Enumerable.Range(1, 4).Select(d => TestData.Day + (d * 86_400_000L))], completions);
        var firstDayEnd = messages.FindIndex(m => m.CompleteBeforeUnixMs != 0);
        Assert.All(messages[..(firstDayEnd + 1)].SelectMany(m => m.FrameUnixMs), frame => Assert.True(frame < TestData.Day + 86_400_000));
        Assert.Equal(490, messages[..(firstDayEnd + 1)].Sum(m => m.FrameUnixMs.Count));
        Assert.All(messages, m => Assert.True(m.FrameUnixMs.Count <= 100));
    }

    [Fact]
    public async Task StreamBarPanel_SymbolsAsked_OnlyTheirBars()
    {
        var messages = await ReadAllAsync(Request(TestData.Day, TestData.Day + 86_400_000, "430047.BJ", "600000.SH"));

        var bars = Bars(messages);
        Assert.Equal(250, bars.Count);
        Assert.Equal(["430047.BJ", "600000.SH"], bars.Select(b => b.Symbol).Distinct());
    }

    [Fact]
    public async Task StreamBarPanel_UnknownSymbol_NotFoundNamesIt()
    {
        await RpcAssert.FailsAsync(
            StatusCode.NotFound, () => ReadAllAsync(Request(TestData.Day, TestData.Day + 86_400_000, "600000.SH", "600999.SH")), "600999.SH");
    }

    [Fact]
    public async Task StreamBarPanel_BadRequests_InvalidArgument()
    {
        var noPeriod = Request(TestData.Day, TestData.Day + 86_400_000);
        noPeriod.Period = Period.Unspecified;
        var tooLong = Request(TestData.Day, TestData.Day + (40 * 86_400_000L));

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => ReadAllAsync(noPeriod), "period");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => ReadAllAsync(tooLong), "31 days");
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => ReadAllAsync(Request(TestData.Day, TestData.Day + 86_400_000, "600000.SH", "600000.SH")), "twice");
    }
}
