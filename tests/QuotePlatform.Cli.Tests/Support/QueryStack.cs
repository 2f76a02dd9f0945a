using System.Globalization;
using ClickHouse.Driver;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Cli.Tests.Support;

/// <summary>
/// The query service as a process (as scripts/dev.sh runs it) over a ClickHouse database and a Redis
/// key prefix of its own on the shared test servers; seeded the way the storage writer and the relay
/// write. One per test class (xunit class fixture): tests of a class use symbols of their own.
/// </summary>
public sealed class QueryStack : IAsyncLifetime
{
    public const int ShardCount = 4;
    public const string AdminKey = "cli-test-admin-key-0123456789";

    private ServiceProcess _query = null!;
    private long _sequence;

    public string Prefix { get; } = "cli" + Guid.NewGuid().ToString("N")[..10];

    public string Database => "qp_" + Prefix;

    public string ClickHouseUrl => $"{TestServers.ClickHouseUrl}/{Database}";

    public StreamKeys Keys => new(Prefix);

    public ShardRouter Router { get; } = new(ShardCount);

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public IClickHouseClient ClickHouse { get; private set; } = null!;

    /// <summary>gRPC address of the running query service (what --server takes).</summary>
    public string Server => _query.Endpoints["Grpc"].ToString();

    /// <summary>The service's HTTP/1.1 port (gRPC-Web and the page): not where `quote` should point.</summary>
    public string WebAddress => _query.Endpoints["Web"].ToString();

    public string Logs => _query.Output;

    public async Task InitializeAsync()
    {
        using (var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl)))
        {
            await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {Database}");
        }

        ClickHouse = new ClickHouseClient(ClickHouseSettings.Parse(ClickHouseUrl));

        // The fixed test date must outlive the default 30-day TTL of 1m bars (merges would drop its rows).
        var retention = TimeSpan.FromDays(7_300);
        var storage = new StorageOptions
        {
            OneMinuteRetention = retention,
            FiveMinutesRetention = retention,
            FifteenMinutesRetention = retention,
            ThirtyMinutesRetention = retention,
            SixtyMinutesRetention = retention,
            OneDayRetention = retention,
            TickRetention = retention,
        };
        await new SchemaMigrator(ClickHouse, Options.Create(storage), TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        Redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);

        _query = await ServiceProcess.StartAsync(
            "QuotePlatform.Query",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__redis"] = TestServers.Redis,
                ["ConnectionStrings__clickhouse"] = ClickHouseUrl,
                ["Streams__KeyPrefix"] = Prefix,
                ["Streams__ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
                // Required by the admin API.
                ["Query__AdminApiKey"] = AdminKey,
            },
            ["Web", "Grpc"],
            TimeSpan.FromSeconds(90));
    }

    public Task StoreAsync(IEnumerable<Bar> bars, ulong version = 1000) =>
        ClickHouse.InsertBarsAsync(
            [.. bars.Select(b => new BarRow(b.Symbol, (byte)b.Period, b.FrameUnixMs, b.Open, b.High, b.Low, b.Close, b.VolumeShares, b.AmountCny, b.QualityFlags, version))],
            CancellationToken.None);

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

    public async Task PutQuotesAsync(params Quote[] quotes)
    {
        foreach (var quote in quotes)
        {
            // As the relay writes a quote: the payload, and its time, which live subscribers watch for changes.
            var shard = Router.ShardOf(quote.Symbol);
            await Redis.GetDatabase().HashSetAsync(Keys.LatestQuotes(shard), quote.Symbol, quote.ToByteArray());
            await Redis.GetDatabase().HashSetAsync(Keys.LatestQuoteTimes(shard), quote.Symbol, quote.TimeUnixMs);
        }
    }

    /// <summary>Adds the bars to the final-bar streams as the relay does: one entry per shard they fall in.</summary>
    public async Task AddFinalBarsAsync(params Bar[] bars)
    {
        foreach (var shard in bars.GroupBy(b => Router.ShardOf(b.Symbol)))
        {
            var batch = new BarBatch { Bars = { shard } };
            var entry = new BarStreamEntry(batch, "cli-test", (ulong)Interlocked.Increment(ref _sequence), MarketData.Day, "");
            await Redis.GetDatabase().StreamAddAsync(Keys.Bars(shard.Key), entry.ToFields());
        }
    }

    /// <summary>Consumer groups on the final-bar stream a symbol's bars go to.</summary>
    public async Task<string[]> GroupsOnShardOfAsync(string symbol) =>
        [.. (await Redis.GetDatabase().StreamGroupInfoAsync(Keys.Bars(Router.ShardOf(symbol)))).Select(g => g.Name)];

    public async Task DisposeAsync()
    {
        await _query.DisposeAsync();
        var database = Redis.GetDatabase();
        await foreach (var key in Redis.GetServers()[0].KeysAsync(pattern: Prefix + ":*"))
        {
            await database.KeyDeleteAsync(key);
        }

        await Redis.DisposeAsync();
        await ClickHouse.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {Database} SYNC");
        ClickHouse.Dispose();
    }
}
