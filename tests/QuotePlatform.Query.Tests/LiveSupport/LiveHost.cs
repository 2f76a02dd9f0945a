using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Query.Tests.LiveSupport;

/// <summary>
/// The query service in-process against the real Redis, under a key prefix of the test's own, with
/// short intervals so stops, claims and quote polls happen within a test's patience.
/// </summary>
internal sealed class LiveHost : WebApplicationFactory<Program>
{
    public const int ShardCount = 4;
    public const string AdminKey = "test-admin-key-0123456789";

    private static readonly Lazy<ConnectionMultiplexer> SharedRedis = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));
    private readonly Dictionary<string, string?> _settings;
    private GrpcChannel? _channel;

    public LiveHost(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        Prefix = "tl" + Guid.NewGuid().ToString("N")[..12];
        Keys = new StreamKeys(Prefix);
        _settings = new(StringComparer.Ordinal)
        {
            ["ConnectionStrings:redis"] = TestServers.Redis,
            // Live subscriptions and the admin API never read ClickHouse; the service still needs an address.
            ["ConnectionStrings:clickhouse"] = TestServers.ClickHouseUrl + "/default",
            ["Streams:KeyPrefix"] = Prefix,
            ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
            ["Streams:StatsInterval"] = "00:00:00.200",
            ["Query:AdminApiKey"] = AdminKey,
            ["Live:StopCheckInterval"] = "00:00:00.100",
            ["Live:StopAckGrace"] = "00:00:00.300",
            ["Live:ClaimInterval"] = "00:00:00.200",
            ["Live:QuotePollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Prefix { get; }

    public StreamKeys Keys { get; }

    public ShardRouter Router { get; } = new(ShardCount);

    public static IDatabase Redis => SharedRedis.Value.GetDatabase();

    public IReadOnlyList<string> Streams => [.. Enumerable.Range(0, ShardCount).Select(Keys.Bars)];

    public static Metadata AdminHeaders => new() { { "x-admin-key", AdminKey } };

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    public LiveService.LiveServiceClient Live() => new(Channel);

    public AdminService.AdminServiceClient Admin() => new(Channel);

    public QueryService.QueryServiceClient Query() => new(Channel);

    public Task<LiveClient> SubscribeAsync(Subscription subscription, DateTime? deadline = null) =>
        LiveClient.StartAsync(Live(), subscription, deadline);

    /// <summary>Writes the bars as the relay does (one entry per shard); returns (shard, entry id) per entry.</summary>
    public async Task<List<(int Shard, string Id)>> PublishAsync(IEnumerable<Bar> bars, bool forming = false)
    {
        var written = new List<(int, string)>();
        foreach (var shard in bars.GroupBy(bar => Router.ShardOf(bar.Symbol)).OrderBy(g => g.Key))
        {
            var batch = new BarBatch { Bars = { shard } };
            var entry = new BarStreamEntry(batch, "test-producer", 1, 0, "");
            var key = forming ? Keys.FormingBars(shard.Key) : Keys.Bars(shard.Key);
            written.Add((shard.Key, (string)(await Redis.StreamAddAsync(key, entry.ToFields()))!));
        }

        return written;
    }

    /// <summary>Stores a quote as the relay's write script does.</summary>
    public async Task SetQuoteAsync(Quote quote)
    {
        var shard = Router.ShardOf(quote.Symbol);
        await Redis.HashSetAsync(Keys.LatestQuotes(shard), quote.Symbol, Google.Protobuf.MessageExtensions.ToByteArray(quote));
        await Redis.HashSetAsync(Keys.LatestQuoteTimes(shard), quote.Symbol, quote.TimeUnixMs);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Writes ticks as the relay does: one tick entry per shard.</summary>
    public async Task PublishTicksAsync(IEnumerable<Tick> ticks)
    {
        foreach (var shard in ticks.GroupBy(t => Router.ShardOf(t.Symbol)))
        {
            var entry = new TickStreamEntry(new TickBatch { Ticks = { shard } }, "test-producer", 1, 0);
            await Redis.StreamAddAsync(Keys.Ticks(shard.Key), entry.ToFields());
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await base.DisposeAsync();
        var server = SharedRedis.Value.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: Prefix + ":*"))
        {
            await Redis.KeyDeleteAsync(key);
        }
    }
}
