using System.Globalization;
using ClickHouse.Driver;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Tests.Support;

/// <summary>
/// One test's world on the shared servers: its own Redis key prefix and its own ClickHouse
/// database, both removed at the end.
/// </summary>
public sealed class WriterTestContext : IAsyncDisposable
{
    public const int ShardCount = 4;
    public const string Group = "storage-writer";

    private static readonly Lazy<ConnectionMultiplexer> SharedRedis = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));
    private readonly List<WriterHost> _hosts = [];
    private long _sequence;

    private WriterTestContext(string id)
    {
        Prefix = "t" + id;
        Database = "qp_" + id;
        Keys = new StreamKeys(Prefix);
        ClickHouse = new ClickHouseClient(ClickHouseSettings.Parse(ClickHouseUrl));
    }

    public string Prefix { get; }

    public string Database { get; }

    public string ClickHouseUrl => $"{TestServers.ClickHouseUrl}/{Database}";

    public StreamKeys Keys { get; }

    public ShardRouter Router { get; } = new(ShardCount);

    public IDatabase Redis => SharedRedis.Value.GetDatabase();

    /// <summary>A client on this test's database.</summary>
    public IClickHouseClient ClickHouse { get; }

    /// <summary>Every stream the writers' group reads: bar streams, then tick streams.</summary>
    public IEnumerable<string> Streams => Enumerable.Range(0, ShardCount).Select(Keys.Bars).Concat(Enumerable.Range(0, ShardCount).Select(Keys.Ticks));

    public static async Task<WriterTestContext> CreateAsync()
    {
        var context = new WriterTestContext(Guid.NewGuid().ToString("N")[..12]);
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {context.Database}");
        return context;
    }

    /// <summary>Writes the bars as the relay does: one entry per shard, returns the entry ids.</summary>
    public async Task<List<string>> PublishAsync(IEnumerable<Bar> bars, string producer = "test-producer")
    {
        var ids = new List<string>();
        var sequence = (ulong)Interlocked.Increment(ref _sequence);
        foreach (var shard in bars.GroupBy(bar => Router.ShardOf(bar.Symbol)))
        {
            var batch = new BarBatch();
            batch.Bars.AddRange(shard);
            var entry = new BarStreamEntry(batch, producer, sequence, 0, "");
            ids.Add((string)(await Redis.StreamAddAsync(Keys.Bars(shard.Key), entry.ToFields()))!);
        }

        return ids;
    }

    /// <summary>Writes the ticks as the relay does: one tick entry per shard, returns the entry ids.</summary>
    public async Task<List<string>> PublishTicksAsync(IEnumerable<Tick> ticks, string producer = "test-producer")
    {
        var ids = new List<string>();
        var sequence = (ulong)Interlocked.Increment(ref _sequence);
        foreach (var shard in ticks.GroupBy(tick => Router.ShardOf(tick.Symbol)))
        {
            var entry = new TickStreamEntry(new TickBatch { Ticks = { shard } }, producer, sequence, 0);
            ids.Add((string)(await Redis.StreamAddAsync(Keys.Ticks(shard.Key), entry.ToFields()))!);
        }

        return ids;
    }

    public WriterHost StartWriter(string consumer, IDictionary<string, string?>? settings = null, string? clickHouseUrl = null)
    {
        var host = WriterHost.Start(this, consumer, clickHouseUrl ?? ClickHouseUrl, settings);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Bars as every query sees them: each (symbol, period, frame) once.</summary>
    public async Task<long> CountVisibleAsync() =>
        await ScalarAsync($"SELECT count() FROM {TableNames.Bars} FINAL");

    /// <summary>Rows physically stored, duplicates included until a merge collapses them.</summary>
    public async Task<long> CountStoredRowsAsync() =>
        await ScalarAsync($"SELECT count() FROM {TableNames.Bars}");

    public async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64(await ClickHouse.ExecuteScalarAsync(sql), CultureInfo.InvariantCulture);

    /// <summary>Entries delivered and not acked, over all shards; -1 until the writer has created its groups.</summary>
    public async Task<long> PendingAsync()
    {
        long pending = 0;
        foreach (var stream in Streams)
        {
            try
            {
                pending += (await Redis.StreamPendingAsync(stream, Group)).PendingMessageCount;
            }
            catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
            {
                return -1;
            }
        }

        return pending;
    }

    public async Task CreateGroupsAsync()
    {
        foreach (var stream in Streams)
        {
            await Redis.StreamCreateConsumerGroupAsync(stream, Group, StreamPosition.Beginning, createStream: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var stream in Streams)
        {
            await Redis.KeyDeleteAsync(stream);
        }

        await Redis.KeyDeleteAsync([Keys.Calendars, Keys.Retention]);

        // A statement of a stopped writer may still be finishing in the engine: try again briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ClickHouse.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {Database} SYNC");
                break;
            }
            catch (ClickHouseServerException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }

        ClickHouse.Dispose();
    }
}
