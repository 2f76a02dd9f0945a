using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Storage.Reference;
using Xunit;

namespace QuotePlatform.Query.Tests.Reference;

/// <summary>
/// GetBars and BatchGetBars with adjust, over the simulated terminal's own history (2025-01 to 2026-07, cash and
/// bonus-share events): the stored raw bars and factors, adjusted at query time, equal what the terminal's
/// get_market_data_ex(dividend_type='front' | 'back') returns, to the cent.
/// </summary>
public sealed class AdjustedBarsTests : QueryServiceTest
{
    private const string LiveDay = "2026-07-20";
    [Fact]
    public async Task GetBars_EverySimulatedSymbolWithEvents_FrontAndBackEqualTheTerminalsToTheCent()
    {
        var histories = await SimulatorHistory.ReadAsync(LiveDay, symbols: 60, Period._1D, "20250102", "");
        Assert.True(histories.Count >= 20, $"{histories.Count} symbols with ex-dividend events");
        await StoreAsync(histories);
        var client = Host.CreateClient();

        foreach (var history in histories)
        {
            var front = await DailyAsync(client, history.Symbol, Adjust.Front);
            var back = await DailyAsync(client, history.Symbol, Adjust.Back);
            var raw = await DailyAsync(client, history.Symbol, Adjust.None);

            AssertPrices(history.Front, front);
            AssertPrices(history.Back, back);
            AssertPrices(history.Raw, raw);
            Assert.Equal(history.Raw.Select(b => (b.VolumeShares, b.AmountCny)), front.Select(b => (b.VolumeShares, b.AmountCny)));
            // From the last ex-date on (the latest day, unless an event is announced for the live day), front equals raw.
            var lastEvent = BeijingDayStart(history.Events[^1].ExDate);
            Assert.Equal(raw.Where(b => b.FrameUnixMs >= lastEvent).Select(Prices), front.Where(b => b.FrameUnixMs >= lastEvent).Select(Prices));
            Assert.NotEqual(Prices(raw[0]), Prices(front[0]));
        }
    }

    [Fact]
    public async Task BatchGetBars_MinuteBarsAroundAnExDate_FrontEqualsTheTerminalsAndVolumeRaw()
    {
        var histories = await SimulatorHistory.ReadAsync(LiveDay, symbols: 60, Period._1M, "20250611", "20250612", "000001.SZ", "600000.SH");
        await StoreAsync(histories);

        var response = await Host.CreateClient().BatchGetBarsAsync(new BatchGetBarsRequest
        {
            Symbols = { "000001.SZ", "600000.SH" },
            Period = Period._1M,
            FromUnixMs = histories[0].Raw[0].FrameUnixMs,
            ToUnixMs = histories[0].Raw[^1].FrameUnixMs + 1,
            Adjust = Adjust.Front,
        });

        foreach (var series in response.Series)
        {
            var history = histories.Single(h => h.Symbol == series.Symbol);
            AssertPrices(history.Front, [.. series.Bars]);
            Assert.Equal(history.Raw.Select(b => b.VolumeShares), series.Bars.Select(b => b.VolumeShares));
        }
    }

    [Fact]
    public async Task GetBars_AdjustOutOfRange_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Host.CreateClient().GetBarsAsync(new GetBarsRequest
        {
            Symbol = "600000.SH",
            Period = Period._1D,
            Adjust = (Adjust)7,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("ADJUST_FRONT", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task StoreAsync(List<SimulatorHistory> histories)
    {
        await World.StoreAsync(histories.SelectMany(h => h.Raw));
        await new InstrumentStore(World.ClickHouse).InsertFactorsAsync([.. histories.SelectMany(h => h.Events.Select(e => (h.Symbol, e)))], 1, CancellationToken.None);
    }

    private static async Task<List<Bar>> DailyAsync(QueryService.QueryServiceClient client, string symbol, Adjust adjust)
    {
        var response = await client.GetBarsAsync(new GetBarsRequest
        {
            Symbol = symbol,
            Period = Period._1D,
            FromUnixMs = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds(),
            ToUnixMs = new DateTimeOffset(2026, 7, 21, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds(),
            PageSize = 10_000,
            Adjust = adjust,
        });
        return [.. response.Bars];
    }

    private static void AssertPrices(List<Bar> expected, List<Bar> actual)
    {
        Assert.Equal(expected.Select(b => b.FrameUnixMs), actual.Select(b => b.FrameUnixMs));
        Assert.Equal(expected.Select(Prices), actual.Select(Prices));
    }

    private static long BeijingDayStart(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    private static (double, double, double, double) Prices(Bar bar) => (bar.Open, bar.High, bar.Low, bar.Close);
}
