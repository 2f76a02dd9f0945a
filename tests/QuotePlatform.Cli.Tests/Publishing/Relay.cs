using System.Security.Cryptography;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Cli.Tests.Publishing;

/// <summary>The relay as a process on the shared test Redis, with a key prefix and API key of its own.</summary>
internal sealed class Relay : IAsyncDisposable
{
    public const int ShardCount = 4;

    private readonly ServiceProcess _process;

    private Relay(ServiceProcess process, string apiKey, StreamKeys keys, ConnectionMultiplexer redis)
    {
        _process = process;
        ApiKey = apiKey;
        Keys = keys;
        Redis = redis;
    }

    public Uri Address => _process.Address;

    public string ApiKey { get; }

    public StreamKeys Keys { get; }

    public ConnectionMultiplexer Redis { get; }

    public string Output => _process.Output;

    public static async Task<Relay> StartAsync()
    {
        var prefix = "cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var process = await ServiceProcess.StartAsync(
            "QuotePlatform.Relay",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__redis"] = TestServers.Redis,
                ["Streams__KeyPrefix"] = prefix,
                ["Streams__ShardCount"] = ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Relay__Producers__0__Id"] = "cli-test",
                ["Relay__Producers__0__ApiKey"] = apiKey,
            },
            http2Only: true,
            TimeSpan.FromSeconds(60));
        return new Relay(process, apiKey, new StreamKeys(prefix), await ConnectionMultiplexer.ConnectAsync(TestServers.Redis));
    }

    /// <summary>Bars in the final-bar streams: the sum of the entries' count fields.</summary>
    public async Task<long> FinalBarsAsync() => await CountAsync(Keys.Bars);

    public async Task<long> FormingBarsAsync() => await CountAsync(Keys.FormingBars);

    public async Task<long> LatestQuotesAsync()
    {
        long total = 0;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            total += await Redis.GetDatabase().HashLengthAsync(Keys.LatestQuotes(shard));
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        var database = Redis.GetDatabase();
        await foreach (var key in Redis.GetServers()[0].KeysAsync(pattern: Keys.Prefix + ":*"))
        {
            await database.KeyDeleteAsync(key);
        }

        await Redis.DisposeAsync();
        await _process.DisposeAsync();
    }

    private async Task<long> CountAsync(Func<int, string> stream)
    {
        long total = 0;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            foreach (var entry in await Redis.GetDatabase().StreamRangeAsync(stream(shard)))
            {
                total += (long)entry[BarStreamEntry.CountField];
            }
        }

        return total;
    }
}
