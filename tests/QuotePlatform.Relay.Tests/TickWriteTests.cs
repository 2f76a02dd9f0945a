using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Retention;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

/// <summary>The tick archive's path through the relay: own streams per shard, the batch's dedup, retention.</summary>
public sealed class TickWriteTests
{
    private static readonly long Now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    private static Tick At(string symbol, long time, double price) => new()
    {
        Symbol = symbol,
        TimeUnixMs = time,
        LastPrice = price,
        VolumeLots = 10,
        BidPrices = { price - 0.01, price - 0.02 },
        BidVolumesLots = { 5, 6 },
        ReceivedUnixMs = time + 50,
        ClockUnixMs = time,
    };

    private static async Task<List<(int Shard, TickStreamEntry Entry)>> TickEntriesAsync(RelayHost relay)
    {
        var entries = new List<(int, TickStreamEntry)>();
        for (var shard = 0; shard < RelayHost.ShardCount; shard++)
        {
            foreach (var entry in await SharedRedis.Database.StreamRangeAsync(relay.Keys.Ticks(shard)))
            {
                entries.Add((shard, TickStreamEntry.Parse(entry)));
            }
        }

        return entries;
    }

    [Fact]
    public async Task Publish_TicksOfManySymbols_EachInItsShardsTickStreamOnceEvenWhenResent()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var request = new PublishRequest { Sequence = 1 };
        for (var i = 0; i < 40; i++)
        {
            request.Ticks.Add(At(TestBars.Symbol(i), Now - 3_000, 10));
            request.Ticks.Add(At(TestBars.Symbol(i), Now, 10.01));
        }

        var written = await relay.PublishAsync(request);
        var resent = await relay.PublishAsync(request);

        Assert.Equal((BatchStatus.Written, 80U), (written.Status, written.AcceptedTicks));
        Assert.Equal(BatchStatus.Duplicate, resent.Status);
        var entries = await TickEntriesAsync(relay);
        var router = new ShardRouter(RelayHost.ShardCount);
        var ticks = entries.SelectMany(e => e.Entry.Batch.Ticks.Select(t => (e.Shard, Tick: t))).ToList();
        Assert.Equal(80, ticks.Count);
        Assert.All(ticks, t => Assert.Equal(router.ShardOf(t.Tick.Symbol), t.Shard));
        Assert.Equal(request.Ticks.OrderBy(t => t.Symbol, StringComparer.Ordinal).ThenBy(t => t.TimeUnixMs),
            ticks.Select(t => t.Tick).OrderBy(t => t.Symbol, StringComparer.Ordinal).ThenBy(t => t.TimeUnixMs));
        Assert.All(entries, e => Assert.Equal((RelayHost.ProducerId, 1UL), (e.Entry.Producer, e.Entry.Sequence)));
        Assert.Empty(await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys));
    }

    [Fact]
    public async Task Publish_TickBeyondPublishedTickRetention_RefusedWithSettingBeforeAck()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var registry = new RetentionRegistry(SharedRedis.Connection, relay.Keys);
        await registry.PublishAsync(new RetentionLimits([(BarPeriod.OneMinute, 30, "Storage:OneMinuteRetention")])
        {
            Ticks = (30, "Storage:TickRetention"),
        });
        await relay.Services.GetRequiredService<RetentionWatcher>().RefreshAsync();
        var old = Now - TimeSpan.FromDays(31).Ticks / TimeSpan.TicksPerMillisecond;
        var request = new PublishRequest { Sequence = 1, Ticks = { At("600000.SH", old, 10), At("600000.SH", Now, 10), At("bad", Now, 10) } };

        var response = await relay.PublishAsync(request);

        Assert.Equal((BatchStatus.Written, 1U), (response.Status, response.AcceptedTicks));
        Assert.Equal(2, response.Rejections.Count);
        var retention = response.Rejections[0];
        Assert.Equal((Rejection.Types.ItemKind.Tick, 0U, RetentionLimits.BeyondRetention), (retention.Kind, retention.Index, retention.Reason));
        Assert.Contains("Storage:TickRetention", retention.Detail, StringComparison.Ordinal);
        Assert.Equal((2U, "bad_symbol"), (response.Rejections[1].Index, response.Rejections[1].Reason));
        var stored = Assert.Single((await TickEntriesAsync(relay)).SelectMany(e => e.Entry.Batch.Ticks));
        Assert.Equal(Now, stored.TimeUnixMs);
        Assert.Equal(1, relay.Services.GetRequiredService<Telemetry.RelayMetrics>().RejectedByReason["beyond_retention_tick"]);
    }
}
