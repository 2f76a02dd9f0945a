using System.Globalization;
using ClickHouse.Driver;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Query.Tests.Support;

/// <summary>
/// One test's data on the shared servers: its own ClickHouse database (schema migrated) and its own
/// Redis key prefix, seeded the way the storage writer and the relay write them; removed at the end.
/// </summary>
public sealed class QueryWorld : IAsyncDisposable
{
    public const int ShardCount = 4;

    // Generous timeouts: the suite shares two cores with the servers, and a slow answer is not a failure here.
    private static readonly Lazy<ConnectionMultiplexer> SharedRedis = new(() => ConnectionMultiplexer.Connect($"{TestServers.Redis},asyncTimeout=30000,syncTimeout=30000"));

    private long _sequence;

    private QueryWorld(string id)
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

    public IClickHouseClient ClickHouse { get; }

    /// <summary>The settings a query service needs to read this world.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings:redis"] = TestServers.Redis,
        ["ConnectionStrings:clickhouse"] = ClickHouseUrl,
        ["Streams:KeyPrefix"] = Prefix,
        ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        // Required by the admin API (never in the repository's configuration).
        ["Query:AdminApiKey"] = "test-admin-key-0123456789",
    };

    public static async Task<QueryWorld> CreateAsync(bool migrate = true)
    {
        var world = new QueryWorld(Guid.NewGuid().ToString("N")[..12]);
        using (var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl)))
        {
            await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {world.Database}");
        }

        if (migrate)
        {
            // Fixed test dates must outlive the default 30-day TTL of 1m bars. Not longer than 20 years:
            // the TTL is computed as a 32-bit DateTime, and a date past 2106 wraps and drops rows at insert.
            var storage = new StorageOptions
            {
                OneMinuteRetention = TimeSpan.FromDays(7_300),
                FiveMinutesRetention = TimeSpan.FromDays(7_300),
                FifteenMinutesRetention = TimeSpan.FromDays(7_300),
                ThirtyMinutesRetention = TimeSpan.FromDays(7_300),
                SixtyMinutesRetention = TimeSpan.FromDays(7_300),
                OneDayRetention = TimeSpan.FromDays(7_300),
                TickRetention = TimeSpan.FromDays(7_300),
            };
            await new SchemaMigrator(world.ClickHouse, Options.Create(storage), TimeProvider.System, NullLogger<SchemaMigrator>.Instance)
                .MigrateAsync(CancellationToken.None);
        }

        return world;
    }

    /// <summary>Stores bars as the storage writer does (version given: a redelivery repeats it).</summary>
    public Task StoreAsync(IEnumerable<Bar> bars, ulong version = 1) =>
        ClickHouse.InsertBarsAsync(
            bars.Select(b => new BarRow(b.Symbol, (byte)b.Period, b.FrameUnixMs, b.Open, b.High, b.Low, b.Close, b.VolumeShares, b.AmountCny, b.QualityFlags, version)).ToList(),
            CancellationToken.None);

    /// <summary>Stores ticks as the storage writer does.</summary>
    public Task StoreTicksAsync(IEnumerable<TickRow> ticks) => ClickHouse.InsertTicksAsync(ticks.ToList(), CancellationToken.None);

    /// <summary>
    /// Stores an exchange's calendar as the storage writer does from a terminal's: every date of
    /// [first, last] gets a row, trading on weekdays except the holidays given.
    /// </summary>
    public Task StoreCalendarAsync(string market, DateOnly first, DateOnly last, params DateOnly[] holidays)
    {
        var days = new List<CalendarDay>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            days.Add(new CalendarDay(market, date, date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date)));
        }

        return new TradingCalendarStore(ClickHouse).InsertAsync(days, version: 1, CancellationToken.None);
    }

    /// <summary>Sets latest quotes as the relay's write script does.</summary>
    public async Task PutQuotesAsync(params Quote[] quotes)
    {
        foreach (var quote in quotes)
        {
            await Redis.HashSetAsync(Keys.LatestQuotes(Router.ShardOf(quote.Symbol)), quote.Symbol, quote.ToByteArray());
        }
    }

    /// <summary>Adds final bars to the streams as the relay does: one entry per shard touched.</summary>
    public async Task PublishFinalAsync(IEnumerable<Bar> bars)
    {
        foreach (var shard in bars.GroupBy(bar => Router.ShardOf(bar.Symbol)))
        {
            var batch = new BarBatch();
            batch.Bars.AddRange(shard);
            await Redis.StreamAddAsync(Keys.Bars(shard.Key), new BarStreamEntry(batch, "test", (ulong)Interlocked.Increment(ref _sequence), 0, "").ToFields());
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var shard = 0; shard < ShardCount; shard++)
        {
            await Redis.KeyDeleteAsync([Keys.LatestQuotes(shard), Keys.Bars(shard)]);
        }

        // A statement of a stopped service may still be finishing in the engine: try again briefly.
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
