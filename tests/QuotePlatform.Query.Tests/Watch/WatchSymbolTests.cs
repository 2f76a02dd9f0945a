using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using StackExchange.Redis;
using Xunit;
using Kind = QuotePlatform.Contracts.Query.V1.WatchSymbolResponse.KindOneofCase;

namespace QuotePlatform.Query.Tests.Watch;

/// <summary>WatchSymbol over gRPC (and gRPC-Web) against the real Redis and ClickHouse engine.</summary>
public sealed class WatchSymbolTests : IAsyncLifetime
{
    private const string Symbol = "600000.SH";
    private const string WriterGroup = "storage-writer";

    // A recent day: the catch-up reaches back at most the GetBars range of the period (31 days of 1m bars).
    private static readonly long RecentDay = TestData.DayOf(
        DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private QueryWorld _world = null!;
    private QueryHost _host = null!;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        _world = await QueryWorld.CreateAsync();
        _host = new QueryHost(_world, new Dictionary<string, string>
        {
            ["Live:WatchQuotePollInterval"] = "00:00:00.020",
            ["Live:WatchHeartbeatInterval"] = "00:00:00.300",
        });
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        await _host.DisposeAsync();
        for (var shard = 0; shard < QueryWorld.ShardCount; shard++)
        {
            await _world.Redis.KeyDeleteAsync([_world.Keys.FormingBars(shard), _world.Keys.LatestQuoteTimes(shard)]);
        }

        await _world.DisposeAsync();
    }

    [Fact]
    public async Task WatchSymbol_AfterFrame_SendsStoredThenUnstoredFinalBarsOnceThenCaughtUp()
    {
        await _world.StoreAsync(Minutes(0, 10));
        var stream = _world.Keys.Bars(_world.Router.ShardOf(Symbol));
        // The storage writer stored and acknowledged the first entry, holds the second unacknowledged
        // (not stored yet) and has not read the third.
        await _world.PublishFinalAsync(Minutes(0, 10));
        await _world.PublishFinalAsync(Minutes(10, 2));
        await WriterReadsAsync(stream, count: 2, acknowledge: 1);
        await _world.PublishFinalAsync([.. Minutes(12, 1), Minute(12, "600001.SH"), FiveMinute(3)]);

        using var watch = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M, AfterFrameUnixMs = Frame(4) });

        var started = await watch.NextAsync(Kind.Started);
        Assert.Equal(300, started.Started.HeartbeatIntervalMs);
        var caughtUp = await watch.NextAsync(Kind.CaughtUp);
        Assert.Equal([.. Enumerable.Range(5, 8).Select(Frame)], watch.Finals.Keys);
        Assert.Equal(8u, caughtUp.CaughtUp.Bars);
        Assert.All(watch.Finals.Values, bar => Assert.Equal((Symbol, Period._1M, true), (bar.Symbol, bar.Period, bar.Final)));
        Assert.Equal(Minute(9), watch.Finals[Frame(9)]);

        // After the catch-up, a bar that closes is pushed.
        await _world.PublishFinalAsync(Minutes(13, 1));
        await watch.UntilFinalAsync(Frame(13));
        Assert.Equal(Minute(13), watch.Finals[Frame(13)]);
    }

    [Fact]
    public async Task WatchSymbol_ReconnectWithLastFrame_GetsTheBarsMissedMeanwhile()
    {
        await _world.StoreAsync(Minutes(0, 5));
        var stream = _world.Keys.Bars(_world.Router.ShardOf(Symbol));
        await _world.PublishFinalAsync(Minutes(0, 5));
        await WriterReadsAsync(stream, count: 1, acknowledge: 1);
        using (var first = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M, AfterFrameUnixMs = RecentDay }))
        {
            await first.NextAsync(Kind.CaughtUp);
            Assert.Equal([.. Enumerable.Range(0, 5).Select(Frame)], first.Finals.Keys);
        }

        // While the client is away: two bars close, the writer stores the first.
        await _world.PublishFinalAsync(Minutes(5, 1));
        await _world.PublishFinalAsync(Minutes(6, 1));
        await _world.StoreAsync(Minutes(5, 1));
        await WriterReadsAsync(stream, count: 1, acknowledge: 1);

        using var again = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M, AfterFrameUnixMs = Frame(4) });
        var caughtUp = await again.NextAsync(Kind.CaughtUp);

        Assert.Equal([Frame(5), Frame(6)], again.Finals.Keys);
        Assert.Equal(2u, caughtUp.CaughtUp.Bars);
    }

    [Fact]
    public async Task WatchSymbol_NoServiceGroupOnTheStream_ReplaysTheStreamAfterTheFrame()
    {
        await PutQuoteAsync(TestData.Quote(Symbol, 8.0, RecentDay + 1_000));
        await _world.PublishFinalAsync(Minutes(0, 6));

        using var watch = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M, AfterFrameUnixMs = Frame(2) });
        var caughtUp = await watch.NextAsync(Kind.CaughtUp);

        Assert.Equal([Frame(3), Frame(4), Frame(5)], watch.Finals.Keys);
        Assert.Equal(3u, caughtUp.CaughtUp.Bars);
    }

    [Fact]
    public async Task WatchSymbol_QuoteChangesAndFormingBar_ArePushedAsTheyCome()
    {
        await PutQuoteAsync(TestData.Quote(Symbol, 8.0, RecentDay + 1_000));
        await PutQuoteAsync(TestData.Quote("600001.SH", 9.0, RecentDay + 1_000));

        using var watch = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M });
        Assert.Equal(0u, (await watch.NextAsync(Kind.CaughtUp)).CaughtUp.Bars);
        var current = await watch.NextAsync(Kind.Quotes);
        Assert.Equal((Symbol, 8.0), (Assert.Single(current.Quotes.Quotes).Symbol, current.Quotes.Quotes[0].LastPrice));

        await PutQuoteAsync(TestData.Quote(Symbol, 8.1, RecentDay + 2_000));
        var changed = await watch.NextAsync(Kind.Quotes);
        Assert.Equal((8.1, RecentDay + 2_000), (Assert.Single(changed.Quotes.Quotes).LastPrice, changed.Quotes.Quotes[0].TimeUnixMs));

        // The forming follower starts after the newest forming entry it finds: publish until one arrives.
        var forming = watch.NextAsync(Kind.Forming);
        var price = 8.0;
        while (!forming.IsCompleted)
        {
            price += 0.01;
            await PublishFormingAsync([Forming(20, price), Forming(20, price, Period._5M), Forming(20, price, symbol: "600001.SH")]);
            await Task.WhenAny(forming, Task.Delay(100));
        }

        var bar = Assert.Single((await forming).Forming.Bars);
        Assert.Equal((Symbol, Period._1M, false, Frame(20)), (bar.Symbol, bar.Period, bar.Final, bar.FrameUnixMs));
    }

    [Fact]
    public async Task WatchSymbol_OverGrpcWeb_StreamsFromTheServer()
    {
        await _world.StoreAsync(Minutes(0, 3));
        await PutQuoteAsync(TestData.Quote(Symbol, 8.0, RecentDay + 1_000));

        using var watch = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M, AfterFrameUnixMs = RecentDay }, grpcWeb: true);

        Assert.Equal(3u, (await watch.NextAsync(Kind.CaughtUp)).CaughtUp.Bars);
        Assert.Equal(8.0, (await watch.NextAsync(Kind.Quotes)).Quotes.Quotes[0].LastPrice);
        await _world.PublishFinalAsync(Minutes(3, 1));
        await watch.UntilFinalAsync(Frame(3));
    }

    [Fact]
    public async Task WatchSymbol_Idle_SendsHeartbeats()
    {
        await PutQuoteAsync(TestData.Quote(Symbol, 8.0, RecentDay + 1_000));
        using var watch = Watch(new WatchSymbolRequest { Symbols = { Symbol }, Period = Period._1M });

        var heartbeat = await watch.NextAsync(Kind.Heartbeat);

        Assert.True(heartbeat.Heartbeat.ServerUnixMs > 0);
    }

    [Theory]
    [InlineData("", Period._1M, 0, "symbols")]
    [InlineData("12ab", Period._1M, 0, "symbols")]
    [InlineData(Symbol, Period.Unspecified, 0, "period")]
    [InlineData(Symbol, Period._1M, 1_000, "after_frame_unix_ms")]
    public async Task WatchSymbol_BadRequest_InvalidArgumentNamingTheField(string symbol, Period period, long after, string field)
    {
        await PutQuoteAsync(TestData.Quote(Symbol, 8.0, RecentDay + 1_000));
        var request = new WatchSymbolRequest { Period = period, AfterFrameUnixMs = after };
        if (symbol.Length > 0)
        {
            request.Symbols.Add(symbol);
        }

        using var watch = Watch(request);
        var status = await watch.EndedAsync();

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Contains(field, status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchSymbol_UnknownSymbol_NotFound()
    {
        using var watch = Watch(new WatchSymbolRequest { Symbols = { "688999.SH" }, Period = Period._1M });

        var status = await watch.EndedAsync();

        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        Assert.Contains("688999.SH", status.Detail, StringComparison.Ordinal);
    }

    private WatchClient Watch(WatchSymbolRequest request, bool grpcWeb = false)
    {
        HttpMessageHandler handler = _host.Server.CreateHandler();
        if (grpcWeb)
        {
            handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler);
        }

        _channel = GrpcChannel.ForAddress(_host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
        return new WatchClient(new WatchService.WatchServiceClient(_channel), request);
    }

    /// <summary>The storage writer's group reads <paramref name="count"/> entries and acknowledges the first <paramref name="acknowledge"/>.</summary>
    private async Task WriterReadsAsync(string stream, int count, int acknowledge)
    {
        try
        {
            await _world.Redis.StreamCreateConsumerGroupAsync(stream, WriterGroup, "0");
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        var read = await _world.Redis.StreamReadGroupAsync(stream, WriterGroup, "writer-1", ">", count);
        Assert.Equal(count, read.Length);
        await _world.Redis.StreamAcknowledgeAsync(stream, WriterGroup, [.. read.Take(acknowledge).Select(e => e.Id)]);
    }

    private async Task PutQuoteAsync(Quote quote)
    {
        await _world.PutQuotesAsync(quote);
        await _world.Redis.HashSetAsync(_world.Keys.LatestQuoteTimes(_world.Router.ShardOf(quote.Symbol)), quote.Symbol, quote.TimeUnixMs);
    }

    private async Task PublishFormingAsync(IEnumerable<Bar> bars)
    {
        foreach (var shard in bars.GroupBy(bar => _world.Router.ShardOf(bar.Symbol)))
        {
            var entry = new QuotePlatform.Streams.BarStreamEntry(new BarBatch { Bars = { shard } }, "test", 1, 0, "");
            await _world.Redis.StreamAddAsync(_world.Keys.FormingBars(shard.Key), entry.ToFields());
        }
    }

    private static long Frame(int minute) => TestData.MinuteFrame(minute, RecentDay);

    private static Bar Minute(int minute, string symbol = Symbol) => TestData.Minute(symbol, minute, RecentDay);

    private static List<Bar> Minutes(int first, int count) => [.. Enumerable.Range(first, count).Select(n => Minute(n))];

    private static Bar FiveMinute(int n)
    {
        var bar = Minute(n);
        bar.Period = Period._5M;
        return bar;
    }

    private static Bar Forming(int minute, double close, Period period = Period._1M, string symbol = Symbol)
    {
        var bar = Minute(minute, symbol);
        bar.Period = period;
        bar.Close = close;
        bar.Final = false;
        return bar;
    }
}
