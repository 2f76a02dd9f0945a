using System.Globalization;
using ClickHouse.Driver;
using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using QuotePlatform.Storage;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.AdminTests;

/// <summary>The admin API against a relay and a storage writer running as their own processes.</summary>
public sealed class AdminPipelineProcessTests
{
    private const string ProducerKey = "admin-test-producer-key-0123";
    private static readonly string[] Symbols = [.. Enumerable.Range(0, 10).Select(i => $"{600000 + i}.SH")];

    [Fact]
    public async Task GetPipelineStats_RelayAndWriterProcesses_ShowBarsWrittenAndInserted()
    {
        await using var host = new LiveHost();
        var database = await CreateDatabaseAsync(host);
        await using var writer = await StartWriterAsync(host, database, "w-stats");
        await using var relay = await ServiceProcess.StartAsync("QuotePlatform.Relay", new Dictionary<string, string>(Shared(host))
        {
            ["Relay__Producers__0__Id"] = "admin-test",
            ["Relay__Producers__0__ApiKey"] = ProducerKey,
        }, http2Only: true, TimeSpan.FromSeconds(90));

        using (var channel = GrpcChannel.ForAddress(relay.Address))
        {
            var ingest = new IngestService.IngestServiceClient(channel);
            using var call = ingest.Publish(new Metadata { { "x-api-key", ProducerKey } });
            await call.RequestStream.WriteAsync(new PublishRequest { Sequence = 1, Bars = { TestBars.Minute(0, Symbols) } });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(BatchStatus.Written, call.ResponseStream.Current.Status);
            await call.RequestStream.CompleteAsync();
        }

        var admin = host.Admin();
        GetPipelineStatsResponse stats = new();
        await Poll.UntilAsync(async () =>
        {
            stats = await admin.GetPipelineStatsAsync(new GetPipelineStatsRequest(), LiveHost.AdminHeaders);
            return stats.Services.Any(s => s.Service == "relay" && s.BarsTotal == 10)
                && stats.Services.Any(s => s.Service == "storage-writer" && s.BarsTotal == 10);
        }, TimeSpan.FromSeconds(60), "relay and writer publish 10 bars");

        var relayStats = Assert.Single(stats.Services, s => s.Service == "relay");
        Assert.True(relayStats.LastWriteUnixMs > 0);
        Assert.Equal(1, relayStats.Extra["batches_total"]);
        var writerStats = Assert.Single(stats.Services, s => s.Service == "storage-writer");
        Assert.Equal(("w-stats", 0ul, 0ul), (writerStats.Instance, writerStats.ErrorsTotal, writerStats.LagEntries));
        Assert.True(writerStats.LastWriteUnixMs >= relayStats.LastWriteUnixMs - 1000);
    }

    [Fact]
    public async Task GetPipelineStats_FeedFailedOver_ShowsHolderStandbyEpochsAndLastFailover()
    {
        await using var host = new LiveHost();
        await using var relay = await ServiceProcess.StartAsync("QuotePlatform.Relay", new Dictionary<string, string>(Shared(host))
        {
            ["Relay__Producers__0__Id"] = "terminal-a",
            ["Relay__Producers__0__ApiKey"] = ProducerKey,
            ["Relay__Producers__1__Id"] = "terminal-b",
            ["Relay__Producers__1__ApiKey"] = ProducerKey + "-b",
            ["Relay__Leases__Ttl"] = "00:00:00.500",
        }, http2Only: true, TimeSpan.FromSeconds(90));
        using var channel = GrpcChannel.ForAddress(relay.Address);
        var ingest = new IngestService.IngestServiceClient(channel);
        var first = await ingest.LeaseAsync(new LeaseRequest { Feed = "cn-a" }, new Metadata { { "x-api-key", ProducerKey } });
        Assert.Equal(LeaseRole.Holder, first.Role);

        // terminal-a goes silent; terminal-b asks until the lease is its own.
        await Poll.UntilAsync(
            async () => (await ingest.LeaseAsync(new LeaseRequest { Feed = "cn-a" }, new Metadata { { "x-api-key", ProducerKey + "-b" } })).Granted,
            TimeSpan.FromSeconds(30), "terminal-b never took the lease over");
        var stats = await host.Admin().GetPipelineStatsAsync(new GetPipelineStatsRequest(), LiveHost.AdminHeaders);

        var feed = Assert.Single(stats.Feeds);
        Assert.Equal(("cn-a", "terminal-b", 2ul, "terminal-a", 1ul), (feed.Feed, feed.Holder, feed.HolderEpoch, feed.Standby, feed.StandbyEpoch));
        Assert.Equal(("terminal-a", "terminal-b", 1ul), (feed.LastFailoverFrom, feed.LastFailoverTo, feed.Failovers));
        Assert.InRange(feed.LastFailoverDurationMs, 500, 60_000);
        Assert.True(feed.LastFailoverUnixMs >= feed.StandbySeenUnixMs);
        Assert.Contains("lease granted to terminal-b under epoch 2 (previous holder: terminal-a)", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopConsumer_StorageWriterProcess_StoresItsBatchLeavesTheGroupAndExits()
    {
        await using var host = new LiveHost();
        var database = await CreateDatabaseAsync(host);
        await using var writer = await StartWriterAsync(host, database, "w-stop");
        await host.PublishAsync(TestBars.Minute(0, Symbols));
        using var clickHouse = new ClickHouseClient(ClickHouseSettings.Parse($"{TestServers.ClickHouseUrl}/{database}"));
        await Poll.UntilAsync(async () => Convert.ToInt64(await clickHouse.ExecuteScalarAsync("SELECT count() FROM bars FINAL"), CultureInfo.InvariantCulture) == 10, TimeSpan.FromSeconds(60), "the writer stored the first minute");
        await host.PublishAsync(TestBars.Minute(1, Symbols));

        var stop = await host.Admin().StopConsumerAsync(new StopConsumerRequest { Group = "storage-writer", Consumer = "w-stop" }, LiveHost.AdminHeaders);

        Assert.True(stop.Requested);
        Assert.Equal(0, await writer.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        // The second minute is stored if the writer had read it when the stop arrived; otherwise it
        // waits, unread, in the group for the next writer. Either way nothing is pending on the
        // consumer that left, and nothing is lost.
        var stored = Convert.ToInt64(await clickHouse.ExecuteScalarAsync("SELECT count() FROM bars FINAL"), CultureInfo.InvariantCulture);
        Assert.True(stored is 10 or 20, $"{stored} bars stored");
        var list = await host.Admin().ListConsumerGroupsAsync(new ListConsumerGroupsRequest(), LiveHost.AdminHeaders);
        var group = Assert.Single(list.Groups, g => g.Name == "storage-writer");
        Assert.Equal(("service", 0ul), (group.Kind, group.Pending));
        Assert.Equal(stored == 20, group.Lag == 0);
        Assert.Empty(group.Consumers);
        Assert.Contains("left group storage-writer", writer.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Shared(LiveHost host) => new()
    {
        ["ConnectionStrings__redis"] = TestServers.Redis,
        ["Streams__KeyPrefix"] = host.Prefix,
        ["Streams__ShardCount"] = LiveHost.ShardCount.ToString(CultureInfo.InvariantCulture),
        ["Streams__StatsInterval"] = "00:00:00.200",
    };

    private static async Task<string> CreateDatabaseAsync(LiveHost host)
    {
        var database = "qp_" + host.Prefix;
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {database}");
        return database;
    }

    private static Task<ServiceProcess> StartWriterAsync(LiveHost host, string database, string consumer) =>
        ServiceProcess.StartAsync("QuotePlatform.StorageWriter", new Dictionary<string, string>(Shared(host))
        {
            ["ConnectionStrings__clickhouse"] = $"{TestServers.ClickHouseUrl}/{database}",
            ["StorageWriter__ConsumerName"] = consumer,
            ["StorageWriter__StopCheckInterval"] = "00:00:00.100",
            // The test bars are of a fixed past day: keep them past the 30-day default TTL of 1m bars.
            ["Storage__OneMinuteRetention"] = "7300.00:00:00",
        }, http2Only: false, TimeSpan.FromSeconds(90));
}
