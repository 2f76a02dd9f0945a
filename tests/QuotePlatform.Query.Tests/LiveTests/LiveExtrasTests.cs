using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;

namespace QuotePlatform.Query.Tests.LiveTests;

public sealed class LiveExtrasTests
{
    [Fact]
    public async Task Subscribe_IncludeForming_StreamsFormingBarsOfSubscribedSymbolsOnly()
    {
        await using var host = new LiveHost();
        await using var client = await host.SubscribeAsync(new Subscription
        {
            Mode = SubscriptionMode.Broadcast, Consumer = "watcher", Symbols = { "600000.SH" }, IncludeForming = true,
        });

        // Forming bars keep arriving until one reaches the client: the follower starts after the newest entry it saw.
        var forming = await WhileWaitingAsync(
            client.NextFormingAsync(),
            () => host.PublishAsync([TestBars.Final("600000.SH", 3, final: false), TestBars.Final("600001.SH", 3, final: false)], forming: true));

        Assert.All(forming.Bars, b => Assert.Equal("600000.SH", b.Symbol));
        Assert.All(forming.Bars, b => Assert.False(b.Final));
    }

    [Fact]
    public async Task Subscribe_IncludeQuotes_SendsCurrentQuoteThenChanges()
    {
        await using var host = new LiveHost();
        await host.SetQuoteAsync(Quote("000001.SZ", 1_000, 11.5));
        await host.SetQuoteAsync(Quote("600000.SH", 1_000, 8.0));
        await using var client = await host.SubscribeAsync(new Subscription
        {
            Mode = SubscriptionMode.Broadcast, Consumer = "ticker", Symbols = { "000001.SZ" }, IncludeQuotes = true,
        });

        var current = await client.NextQuotesAsync();
        Assert.Equal(11.5, Assert.Single(current.Quotes).LastPrice);

        await host.SetQuoteAsync(Quote("000001.SZ", 2_000, 11.6));
        var changed = await client.NextQuotesAsync();
        var quote = Assert.Single(changed.Quotes);
        Assert.Equal(("000001.SZ", 11.6, 2_000L), (quote.Symbol, quote.LastPrice, quote.TimeUnixMs));
    }

    [Fact]
    public async Task Subscribe_IncludeTicks_StreamsEveryTickOfSubscribedSymbolsOnly()
    {
        await using var host = new LiveHost();
        await using var client = await host.SubscribeAsync(new Subscription
        {
            Mode = SubscriptionMode.Broadcast, Consumer = "tape", Symbols = { "600000.SH" }, IncludeTicks = true,
        });

        // Ticks keep coming until some reach the client: the follower starts after the newest entry it saw.
        var time = 1_000L;
        var update = await WhileWaitingAsync(
            client.NextTicksAsync(),
            () => host.PublishTicksAsync([Tick("600000.SH", time += 3_000), Tick("600000.SH", time + 1), Tick("600001.SH", time)]));

        Assert.All(update.Ticks, t => Assert.Equal("600000.SH", t.Symbol));
        Assert.Equal(2, update.Ticks.Count);
        Assert.Equal([9.9, 9.8], update.Ticks[0].BidPrices);
    }

    private static Tick Tick(string symbol, long time) =>
        new() { Symbol = symbol, TimeUnixMs = time, LastPrice = 10, VolumeLots = time, BidPrices = { 9.9, 9.8 }, BidVolumesLots = { 3, 4 } };

    private static Quote Quote(string symbol, long time, double price) =>
        new() { Symbol = symbol, TimeUnixMs = time, LastPrice = price, PreviousClose = 11, VolumeShares = 1000 };

    private static async Task<T> WhileWaitingAsync<T>(Task<T> wanted, Func<Task> repeat)
    {
        while (!wanted.IsCompleted)
        {
            await repeat();
            await Task.WhenAny(wanted, Task.Delay(200));
        }

        return await wanted;
    }
}
