using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class PublishTests
{
    [Fact]
    public async Task Publish_ValidBatch_AckedAfterEveryBarIsInItsShardStream()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var response = await relay.PublishAsync(TestBars.Batch(sequence: 1, count: 200));

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(1UL, response.Sequence);
        Assert.Equal(200U, response.AcceptedBars);
        Assert.Empty(response.Rejections);
        var entries = await StreamContents.EntriesAsync(SharedRedis.Database, relay.Keys.Bars);
        var router = new ShardRouter(RelayHost.ShardCount);
        var bars = entries.SelectMany(e => e.Entry.Batch.Bars.Select(bar => (e.Shard, bar))).ToList();
        Assert.Equal(200, bars.Count);
        Assert.Equal(200, bars.Select(b => b.bar.Symbol).Distinct().Count());
        Assert.All(bars, b => Assert.Equal(router.ShardOf(b.bar.Symbol), b.Shard));
        Assert.All(entries, e =>
        {
            Assert.Equal(RelayHost.ProducerId, e.Entry.Producer);
            Assert.Equal(1UL, e.Entry.Sequence);
            Assert.Equal(TestBars.Frame0931, e.Entry.CreatedUnixMs);
        });
        // One entry per shard touched, not one per bar.
        Assert.Equal(RelayHost.ShardCount, entries.Count);
    }

    [Fact]
    public async Task Publish_SameSequenceTwice_SecondAnsweredDuplicateAndNotWritten()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var first = await relay.PublishAsync(TestBars.Batch(1, 50));
        var second = await relay.PublishAsync(TestBars.Batch(1, 50));

        Assert.Equal(BatchStatus.Written, first.Status);
        Assert.Equal(BatchStatus.Duplicate, second.Status);
        Assert.Equal(50, (await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys)).Count);
    }

    [Fact]
    public async Task Publish_ResentAfterRelayRestart_DuplicateAndStreamsUnchanged()
    {
        var prefix = RelayHost.NewPrefix();
        await using (var before = new RelayHost(TestServers.Redis, prefix))
        {
            Assert.Equal(BatchStatus.Written, (await before.PublishAsync(TestBars.Batch(1, 80))).Status);
            Assert.Equal(BatchStatus.Written, (await before.PublishAsync(TestBars.Batch(2, 80, minute: 1))).Status);
        }

        await using var after = new RelayHost(TestServers.Redis, prefix);
        var resent = await after.PublishAsync(TestBars.Batch(2, 80, minute: 1));
        var next = await after.PublishAsync(TestBars.Batch(3, 80, minute: 2));

        Assert.Equal(BatchStatus.Duplicate, resent.Status);
        Assert.Equal(BatchStatus.Written, next.Status);
        var bars = await StreamContents.FinalBarsAsync(SharedRedis.Database, after.Keys);
        Assert.Equal(240, bars.Count);
        Assert.Equal(240, bars.Select(b => (b.Bar.Symbol, b.Bar.FrameUnixMs)).Distinct().Count());
    }

    [Fact]
    public async Task Publish_ResendOfPartlyWrittenBatch_OnlyShardsMissingItAreWritten()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var redis = SharedRedis.Database;
        // As if an earlier attempt reached shard 0 and Redis failed before the other shards.
        await redis.SortedSetAddAsync($"{relay.Keys.Bars(0)}:seen:{RelayHost.ProducerId}", 5, 5);

        var response = await relay.PublishAsync(TestBars.Batch(5, 200));

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(0, await redis.StreamLengthAsync(relay.Keys.Bars(0)));
        var router = new ShardRouter(RelayHost.ShardCount);
        var bars = await StreamContents.FinalBarsAsync(redis, relay.Keys);
        Assert.Equal(Enumerable.Range(0, 200).Count(i => router.ShardOf(TestBars.Symbol(i)) != 0), bars.Count);
    }

    [Fact]
    public async Task Publish_SameSequenceFromOtherProducer_WrittenForEach()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var mine = await relay.PublishAsync(TestBars.Batch(7, 10));
        var theirs = await relay.PublishAsync(TestBars.Batch(7, 10), apiKey: "other-api-key-0123456789");

        Assert.Equal(BatchStatus.Written, mine.Status);
        Assert.Equal(BatchStatus.Written, theirs.Status);
        var entries = await StreamContents.EntriesAsync(SharedRedis.Database, relay.Keys.Bars);
        Assert.Equal(["ingest-test", "other-producer"], entries.Select(e => e.Entry.Producer).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_FormingBarsAndQuotes_FormingStreamAndNewestQuoteOnly()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var symbol = TestBars.Symbol(1);
        var request = new PublishRequest { Sequence = 1, Bars = { TestBars.Valid(symbol, final: false) } };
        request.Quotes.Add(new Quote { Symbol = symbol, TimeUnixMs = 2_000, LastPrice = 10.2 });
        var older = new PublishRequest { Sequence = 2, Quotes = { new Quote { Symbol = symbol, TimeUnixMs = 1_000, LastPrice = 9.9 } } };

        var response = await relay.PublishAsync(request);
        var olderResponse = await relay.PublishAsync(older);

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(1U, olderResponse.AcceptedQuotes);
        var shard = new ShardRouter(RelayHost.ShardCount).ShardOf(symbol);
        var redis = SharedRedis.Database;
        Assert.Equal(0, await redis.StreamLengthAsync(relay.Keys.Bars(shard)));
        var forming = await StreamContents.EntriesAsync(redis, relay.Keys.FormingBars);
        Assert.Equal(symbol, Assert.Single(Assert.Single(forming).Entry.Batch.Bars).Symbol);
        var stored = Quote.Parser.ParseFrom((byte[])(await redis.HashGetAsync(relay.Keys.LatestQuotes(shard), symbol))!);
        Assert.Equal(2_000, stored.TimeUnixMs);
        Assert.Equal(10.2, stored.LastPrice);
    }
}
