using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClickHouse.Driver;
using QuotePlatform.Deployment.Tests.Support;
using QuotePlatform.Storage;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Deployment.Tests.ScaleOut;

/// <summary>
/// The services on a real Redis Cluster (three masters on loopback), fed by the ingest replaying a simulated day: the relay's multi-key write
/// script must touch one slot per call, and the storage writer's reads must go to the node owning
/// each shard, or Redis answers CROSSSLOT / MOVED errors.
/// </summary>
public sealed partial class RedisClusterTests
{
    private const int Shards = 16;

    [Fact]
    public async Task ShardKeys_EveryKeyOfAShard_OneSlotAndShardsSpreadOverTheMasters()
    {
        await using var cluster = await RedisCluster.StartAsync(masters: 3);
        var keys = new StreamKeys("qp");
        var port = cluster.Ports[0];

        var slots = new List<int>();
        for (var shard = 0; shard < Shards; shard++)
        {
            var ofShard = new[] { keys.Bars(shard), keys.FormingBars(shard), keys.LatestQuotes(shard), $"{keys.Bars(shard)}:seen:ingest-1", $"{keys.LatestQuotes(shard)}:times" };
            var shardSlots = new HashSet<int>();
            foreach (var key in ofShard)
            {
                shardSlots.Add(int.Parse((await cluster.CliAsync(port, "cluster", "keyslot", key)).Output.Trim(), CultureInfo.InvariantCulture));
            }

            slots.Add(Assert.Single(shardSlots));
        }

        var owners = await SlotOwnersAsync(cluster);
        Assert.Equal(Shards, slots.Distinct().Count());
        Assert.Equal(3, slots.Select(slot => owners(slot)).Distinct().Count());
    }

    [Fact]
    public async Task Pipeline_OnRedisCluster_EveryPublishedFinalBarStoredOnce()
    {
        await using var cluster = await RedisCluster.StartAsync(masters: 3);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var database = $"redis_cluster_{suffix}";
        using var admin = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await admin.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        var clickHouseUrl = $"{TestServers.ClickHouseUrl}/{database}";
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = cluster.ConnectionString,
            ["Streams__ShardCount"] = Shards.ToString(CultureInfo.InvariantCulture),
        };
        var work = Directory.CreateTempSubdirectory("qp-redis-cluster-day-").FullName;
        try
        {
            await using var writer = await ServiceProcess.StartAsync(
                "QuotePlatform.StorageWriter",
                new Dictionary<string, string>(shared) { ["ConnectionStrings__clickhouse"] = clickHouseUrl, ["StorageWriter__ConsumerName"] = "cluster-writer" },
                http2Only: false,
                TimeSpan.FromSeconds(90));
            await using var relay = await ServiceProcess.StartAsync(
                "QuotePlatform.Relay",
                new Dictionary<string, string>(shared) { ["Relay__Producers__0__Id"] = "cluster-test", ["Relay__Producers__0__ApiKey"] = apiKey },
                http2Only: true,
                TimeSpan.FromSeconds(90));
            var ticks = Path.Combine(work, "ticks.jsonl");

            var simulate = await QuoteAsync("simulate", "--date", RecentWeekday(), "--symbols", "40", "--seed", "3", "--out", ticks);
            Assert.True(simulate.ExitCode == 0, simulate.Describe("quote simulate"));
            var ingest = await ReplayAsync(ticks, relay.Address, apiKey, Path.Combine(work, "spool"));
            Assert.True(ingest.ExitCode == 0, ingest.Describe("ingest --replay") + $"\n--- relay\n{relay.Output}");

            var expected = FinalBarsPublished(ingest.Output);
            Assert.True(expected > 5_000, $"too few final bars published: {expected}\n{ingest.Output}");
            using var client = new ClickHouseClient(ClickHouseSettings.Parse(clickHouseUrl));
            var stored = await WaitForStoredAsync(client, expected);

            Assert.True(stored == expected, $"stored {stored} of {expected} final bars\n--- writer\n{writer.Output}\n--- relay\n{relay.Output}");
            Assert.DoesNotContain("CROSSSLOT", relay.Output + writer.Output, StringComparison.Ordinal);
            foreach (var port in cluster.Ports)
            {
                var size = long.Parse((await cluster.CliAsync(port, "dbsize")).Output.Trim(), CultureInfo.InvariantCulture);
                Assert.True(size > 0, $"master on {port} holds no key: the shards did not spread");
            }
        }
        finally
        {
            await admin.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {database}");
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A weekday a few days back in Beijing: inside every period's retention (1m bars: 30 days).</summary>
    private static string RecentWeekday()
    {
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-3);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static Task<ToolResult> QuoteAsync(params string[] arguments) =>
        Tool.RunAsync("dotnet", [Repository.PathOf("services/QuotePlatform.Cli/bin/Release/net10.0/quote.dll"), .. arguments]);

    /// <summary>The ingest (Replay source) as scripts/dev.sh runs it: until the file is consumed and every batch acknowledged.</summary>
    private static Task<ToolResult> ReplayAsync(string ticks, Uri relay, string apiKey, string spool) =>
        Tool.RunAsync(
            "dotnet",
            [Repository.PathOf("services/QuotePlatform.Ingest/bin/Release/net10.0/QuotePlatform.Ingest.dll"), "--urls", $"http://127.0.0.1:{LoopbackPort.Free()}"],
            new Dictionary<string, string?>
            {
                ["Ingest__Source"] = "Replay",
                ["Ingest__Replay__Path"] = ticks,
                ["Ingest__Spool__Directory"] = spool,
                ["Ingest__Relay__Url"] = relay.ToString(),
                ["Ingest__Relay__ApiKey"] = apiKey,
                ["Ingest__Relay__ProducerId"] = "cluster-test",
            });

    /// <summary>The last report's "bars published N final" figure.</summary>
    private static long FinalBarsPublished(string report) =>
        PublishedFinal().Matches(report).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).LastOrDefault();

    private static async Task<long> WaitForStoredAsync(ClickHouseClient client, long expected)
    {
        var clock = Stopwatch.StartNew();
        long stored;
        do
        {
            stored = await CountAsync(client, "SELECT count() FROM bars FINAL");
            if (stored >= expected)
            {
                return stored;
            }

            await Task.Delay(250);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(120));

        return stored;
    }

    private static async Task<long> CountAsync(ClickHouseClient client, string sql) =>
        Convert.ToInt64(await client.ExecuteScalarAsync(sql), CultureInfo.InvariantCulture);

    /// <summary>Slot → the port of the master serving it (CLUSTER SLOTS).</summary>
    private static async Task<Func<int, string>> SlotOwnersAsync(RedisCluster cluster)
    {
        var nodes = (await cluster.CliAsync(cluster.Ports[0], "cluster", "nodes")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ranges = new List<(int From, int To, string Node)>();
        foreach (var node in nodes)
        {
            var fields = node.Split(' ');
            foreach (var range in fields.Skip(8).Where(f => f.Length > 0 && char.IsDigit(f[0])))
            {
                var bounds = range.Split('-');
                ranges.Add((int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture), fields[1]));
            }
        }

        return slot => ranges.Single(r => r.From <= slot && slot <= r.To).Node;
    }

    [GeneratedRegex(@"bars published (\d+) final")]
    private static partial Regex PublishedFinal();
}
