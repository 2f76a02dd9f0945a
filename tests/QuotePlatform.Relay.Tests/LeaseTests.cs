using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using StackExchange.Redis;
using Xunit;

namespace QuotePlatform.Relay.Tests;

/// <summary>Hot standby: one lease per feed in Redis, granted under a growing epoch, and fencing of older epochs.</summary>
public sealed class LeaseTests
{
    private const string Feed = "cn-a";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // A short lease so a silent holder loses it quickly; waits poll, they never sleep a fixed time.
    private static RelayHost NewRelay() => new(TestServers.Redis, RelayHost.NewPrefix(), new Dictionary<string, string?> { ["Relay:Leases:Ttl"] = "00:00:00.500" });

    [Fact]
    public async Task Lease_TwoIngestsOfOneFeed_FirstHoldsEpochOneSecondIsStandby()
    {
        await using var relay = NewRelay();

        var first = await relay.LeaseAsync(Feed);
        var second = await relay.LeaseAsync(Feed, RelayHost.OtherApiKey);
        var renewed = await relay.LeaseAsync(Feed);

        Assert.Equal((LeaseRole.Holder, 1UL, true, RelayHost.ProducerId), (first.Role, first.Epoch, first.Granted, first.Holder));
        Assert.Equal((LeaseRole.Standby, 1UL, false, RelayHost.ProducerId), (second.Role, second.Epoch, second.Granted, second.Holder));
        Assert.Equal((LeaseRole.Holder, 1UL, false), (renewed.Role, renewed.Epoch, renewed.Granted));
        Assert.Equal(500, first.TtlMs);
    }

    [Fact]
    public async Task Lease_HolderSilentPastTtl_StandbyGrantedNextEpochAndFailoverRecorded()
    {
        await using var relay = NewRelay();
        await relay.LeaseAsync(Feed);
        LeaseResponse? taken = null;

        await Poll.UntilAsync(async () => (taken = await relay.LeaseAsync(Feed, RelayHost.OtherApiKey)).Role == LeaseRole.Holder, Wait, "the standby never took the lease");

        Assert.Equal((2UL, true, RelayHost.OtherProducerId), (taken!.Epoch, taken.Granted, taken.Holder));
        var lease = await SharedRedis.Database.HashGetAllAsync(relay.Keys.FeedLease(Feed));
        var fields = lease.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal((RelayHost.ProducerId, RelayHost.OtherProducerId, "1"), (fields["last_failover_from"], fields["last_failover_to"], fields["failovers"]));
        Assert.InRange(long.Parse(fields["last_failover_duration_ms"], System.Globalization.CultureInfo.InvariantCulture), 500, 60_000);
        Assert.Contains(relay.Logs.Entries, e => e.Message.Contains("lease granted to other-producer under epoch 2", StringComparison.Ordinal));
        // The old holder comes back: the lease is taken, it stays standby.
        var back = await relay.LeaseAsync(Feed);
        Assert.Equal((LeaseRole.Standby, 2UL), (back.Role, back.Epoch));
    }

    [Fact]
    public async Task Lease_HolderReleases_StandbyGrantedAtOnce()
    {
        await using var relay = NewRelay();
        await relay.LeaseAsync(Feed);
        await relay.LeaseAsync(Feed, RelayHost.OtherApiKey);

        var released = await relay.LeaseAsync(Feed, release: true);
        var taken = await relay.LeaseAsync(Feed, RelayHost.OtherApiKey);

        Assert.Equal(LeaseRole.Standby, released.Role);
        Assert.Equal((LeaseRole.Holder, 2UL, true), (taken.Role, taken.Epoch, taken.Granted));
    }

    [Fact]
    public async Task Publish_OlderEpochAfterFailover_FencedWithReasonAndNothingWritten()
    {
        await using var relay = NewRelay();
        var old = await relay.LeaseAsync(Feed);
        Assert.Equal(BatchStatus.Written, (await relay.PublishAsync(Fed(TestBars.Batch(1, 40), old.Epoch))).Status);
        await Poll.UntilAsync(async () => (await relay.LeaseAsync(Feed, RelayHost.OtherApiKey)).Granted, Wait, "the standby never took the lease");

        var late = Fed(TestBars.Batch(2, 40, minute: 1), old.Epoch);
        late.Calendars.Add(new TradingCalendar { Market = "SH", FirstDate = "2025-06-01", LastDate = "2025-06-01" });
        var fenced = await relay.PublishAsync(late);

        Assert.Equal(BatchStatus.Fenced, fenced.Status);
        Assert.Equal(2UL, fenced.LeaseEpoch);
        Assert.Contains("lease epoch 1 is superseded by epoch 2 held by other-producer", fenced.Error, StringComparison.Ordinal);
        Assert.Equal(40, (await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys)).Count);
        Assert.Equal(0, await SharedRedis.Database.StreamLengthAsync(relay.Keys.Calendars));
        Assert.Contains(relay.Logs.Entries, e => e.Message.Contains("FENCED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_FeedBatchWithoutEpoch_FencedNothingWritten()
    {
        await using var relay = NewRelay();

        var response = await relay.PublishAsync(Fed(TestBars.Batch(1, 10), epoch: 0));

        Assert.Equal(BatchStatus.Fenced, response.Status);
        Assert.Contains("no lease epoch", response.Error, StringComparison.Ordinal);
        Assert.Empty(await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys));
    }

    [Fact]
    public async Task Lease_AfterHolderWroteBars_AnswerSaysWhereCompleteStoredBarsEndPerPeriod()
    {
        await using var relay = NewRelay();
        var holder = await relay.LeaseAsync(Feed);
        var frame0935 = TestBars.Frame0931 + (4 * 60_000L);
        var complete = Fed(TestBars.Batch(1, 10, minute: 4), holder.Epoch);
        complete.CompleteThrough.Add(new StoredFrame { Period = Period._1M, FrameUnixMs = frame0935 });
        complete.CompleteThrough.Add(new StoredFrame { Period = Period._5M, FrameUnixMs = frame0935 });
        // The first part of the next close: its frame is not complete yet, the marks stay.
        var partial = Fed(TestBars.Batch(2, 10, minute: 5), holder.Epoch);
        partial.CompleteThrough.Add(new StoredFrame { Period = Period._1M, FrameUnixMs = frame0935 });
        Assert.Equal(BatchStatus.Written, (await relay.PublishAsync(complete)).Status);
        Assert.Equal(BatchStatus.Written, (await relay.PublishAsync(partial)).Status);

        var standby = await relay.LeaseAsync(Feed, RelayHost.OtherApiKey);

        Assert.Equal([(Period._1M, frame0935), (Period._5M, frame0935)], standby.Stored.Select(s => (s.Period, s.FrameUnixMs)));
    }

    [Fact]
    public async Task Publish_BatchOfNoFeed_NotFencedBesideAFeed()
    {
        await using var relay = NewRelay();
        await relay.LeaseAsync(Feed);

        var response = await relay.PublishAsync(TestBars.Batch(1, 10), RelayHost.OtherApiKey);

        Assert.Equal(BatchStatus.Written, response.Status);
    }

    private static PublishRequest Fed(PublishRequest request, ulong epoch)
    {
        request.Feed = Feed;
        request.LeaseEpoch = epoch;
        return request;
    }
}
