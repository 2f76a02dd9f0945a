using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

/// <summary>The script's quote path (one HMGET, multi-field HSETs per shard) against the real Redis.</summary>
public sealed class QuoteWriteTests
{
    // More symbols per shard than the script's chunk of 1,000 fields per command.
    private const int Symbols = 6_000;

    private static Quote At(string symbol, long time, double price) => new() { Symbol = symbol, TimeUnixMs = time, LastPrice = price };

    private static async Task<Dictionary<string, (Quote Quote, long Time)>> StoredAsync(RelayHost relay)
    {
        var redis = SharedRedis.Database;
        var stored = new Dictionary<string, (Quote, long)>(StringComparer.Ordinal);
        for (var shard = 0; shard < RelayHost.ShardCount; shard++)
        {
            var times = (await redis.HashGetAllAsync(relay.Keys.LatestQuoteTimes(shard))).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
            foreach (var entry in await redis.HashGetAllAsync(relay.Keys.LatestQuotes(shard)))
            {
                stored[entry.Name!] = (Quote.Parser.ParseFrom((byte[])entry.Value!), times[entry.Name!]);
            }
        }

        return stored;
    }

    [Fact]
    public async Task Publish_ManyQuotesAcrossShards_NewerReplaceOlderAndOlderNeverOverwriteNewer()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var first = new PublishRequest { Sequence = 1 };
        var second = new PublishRequest { Sequence = 2 };
        for (var i = 0; i < Symbols; i++)
        {
            first.Quotes.Add(At(TestBars.Symbol(i), 2_000, 10));
            // Even symbols get an older quote, odd ones a newer, every third one the same time.
            var time = i % 3 == 0 ? 2_000 : i % 2 == 0 ? 1_000 : 3_000;
            second.Quotes.Add(At(TestBars.Symbol(i), time, 11));
        }

        var written = await relay.PublishAsync(first);
        var later = await relay.PublishAsync(second);

        Assert.Equal((BatchStatus.Written, (uint)Symbols), (written.Status, written.AcceptedQuotes));
        Assert.Equal((BatchStatus.Written, (uint)Symbols), (later.Status, later.AcceptedQuotes));
        var stored = await StoredAsync(relay);
        Assert.Equal(Symbols, stored.Count);
        var router = new ShardRouter(RelayHost.ShardCount);
        Assert.All(Enumerable.Range(0, RelayHost.ShardCount), shard =>
            Assert.InRange(stored.Keys.Count(symbol => router.ShardOf(symbol) == shard), 1_001, Symbols));
        for (var i = 0; i < Symbols; i++)
        {
            var (quote, time) = stored[TestBars.Symbol(i)];
            var expected = i % 3 != 0 && i % 2 != 0 ? (3_000L, 11.0) : (2_000L, 10.0);
            Assert.Equal(expected, (quote.TimeUnixMs, quote.LastPrice));
            Assert.Equal(quote.TimeUnixMs, time);
        }
    }

    [Fact]
    public async Task Publish_SymbolTwiceInOneBatch_NewestKeptWhicheverComesFirst()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var (a, b) = (TestBars.Symbol(1), TestBars.Symbol(2));
        var request = new PublishRequest { Sequence = 1, Quotes = { At(a, 3_000, 13), At(a, 2_000, 12), At(b, 2_000, 12), At(b, 3_000, 13) } };

        var response = await relay.PublishAsync(request);

        Assert.Equal(BatchStatus.Written, response.Status);
        var stored = await StoredAsync(relay);
        Assert.Equal((3_000L, 13.0, 3_000L), (stored[a].Quote.TimeUnixMs, stored[a].Quote.LastPrice, stored[a].Time));
        Assert.Equal((3_000L, 13.0, 3_000L), (stored[b].Quote.TimeUnixMs, stored[b].Quote.LastPrice, stored[b].Time));
    }

    [Fact]
    public async Task Publish_ResentQuoteBatch_DuplicateAndNewerQuotesKept()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var symbol = TestBars.Symbol(1);
        await relay.PublishAsync(new PublishRequest { Sequence = 1, Quotes = { At(symbol, 1_000, 10) } });
        await relay.PublishAsync(new PublishRequest { Sequence = 2, Quotes = { At(symbol, 2_000, 11) } });

        var resent = await relay.PublishAsync(new PublishRequest { Sequence = 1, Quotes = { At(symbol, 1_000, 10) } });

        Assert.Equal(BatchStatus.Duplicate, resent.Status);
        Assert.Equal(11.0, (await StoredAsync(relay))[symbol].Quote.LastPrice);
    }
}
