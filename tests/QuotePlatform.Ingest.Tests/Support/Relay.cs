using System.Globalization;
using System.Security.Cryptography;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using QuotePlatform.Testing.Tls;
using StackExchange.Redis;

namespace QuotePlatform.Ingest.Tests.Support;

/// <summary>The relay as a process on the shared test Redis, with a key prefix and API key of its own.</summary>
internal sealed class Relay : IAsyncDisposable
{
    public const int ShardCount = 4;

    private readonly string _prefix;
    private ServiceProcess? _process;

    private Relay(string prefix, string apiKey, ConnectionMultiplexer redis, ServiceProcess process, Uri address)
    {
        _prefix = prefix;
        ApiKey = apiKey;
        Keys = new StreamKeys(prefix);
        Redis = redis;
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string ApiKey { get; }

    /// <summary>The key of a second producer, "ingest-standby": the other ingest of a hot-standby feed.</summary>
    public string StandbyApiKey => StandbyKey(ApiKey);

    public StreamKeys Keys { get; }

    public ConnectionMultiplexer Redis { get; }

    public string Output => _process?.Output ?? "(stopped)";

    public static async Task<Relay> StartAsync()
    {
        var prefix = "ingest-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var process = await StartProcessAsync(prefix, apiKey, port: null);
        return new Relay(prefix, apiKey, await ConnectionMultiplexer.ConnectAsync(TestServers.Redis), process, process.Address);
    }

    /// <summary>
    /// The relay serving gRPC over TLS with the given certificate on https://localhost:PORT (HTTP/2
    /// chosen by ALPN), readiness asked on a cleartext port of its own.
    /// </summary>
    /// <param name="clientCaFile">Mutual TLS: the CA of producers' client certificates; the producer "ingest-cert" is known by its certificate named "ingest-desk".</param>
    public static async Task<Relay> StartTlsAsync(PemPair certificate, string? clientCaFile = null)
    {
        var prefix = "ingest-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var address = new Uri($"https://localhost:{LoopbackPort.Free()}");
        var process = await StartTlsProcessAsync(prefix, apiKey, address, certificate, clientCaFile);
        return new Relay(prefix, apiKey, await ConnectionMultiplexer.ConnectAsync(TestServers.Redis), process, address);
    }

    /// <summary>Starts the TLS relay again on the same address, with this certificate.</summary>
    public async Task RestartTlsAsync(PemPair certificate) => _process = await StartTlsProcessAsync(_prefix, ApiKey, Address, certificate);

    /// <summary>The relay dies at once (kill -9): calls in progress break.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.KillAsync();
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the relay again on the same address, Redis keys and API key.</summary>
    public async Task RestartAsync() => _process = await StartProcessAsync(_prefix, ApiKey, Address.Port);

    /// <summary>Every bar in the final-bar streams, one element per stored copy.</summary>
    public async Task<List<Bar>> FinalBarsAsync()
    {
        var bars = new List<Bar>();
        for (var shard = 0; shard < ShardCount; shard++)
        {
            foreach (var entry in await Redis.GetDatabase().StreamRangeAsync(Keys.Bars(shard)))
            {
                bars.AddRange(BarStreamEntry.Parse(entry).Batch.Bars);
            }
        }

        return bars;
    }

    public Task<long> FinalBarCountAsync() => CountBarsAsync(Keys.Bars);

    /// <summary>The quote each symbol holds in the latest-quote hashes.</summary>
    public async Task<Dictionary<string, Quote>> LatestQuoteValuesAsync()
    {
        var quotes = new Dictionary<string, Quote>(StringComparer.Ordinal);
        for (var shard = 0; shard < ShardCount; shard++)
        {
            foreach (var entry in await Redis.GetDatabase().HashGetAllAsync(Keys.LatestQuotes(shard)))
            {
                quotes[entry.Name!] = Quote.Parser.ParseFrom((byte[])entry.Value!);
            }
        }

        return quotes;
    }

    /// <summary>Forming bars in the forming-bar streams.</summary>
    public Task<long> FormingBarCountAsync() => CountBarsAsync(Keys.FormingBars);

    /// <summary>Bars in one kind of shard stream, from each entry's count field.</summary>
    private async Task<long> CountBarsAsync(Func<int, string> streamOfShard)
    {
        long total = 0;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            foreach (var entry in await Redis.GetDatabase().StreamRangeAsync(streamOfShard(shard)))
            {
                total += (long)entry[BarStreamEntry.CountField];
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        var database = Redis.GetDatabase();
        await foreach (var key in Redis.GetServers()[0].KeysAsync(pattern: _prefix + ":*"))
        {
            await database.KeyDeleteAsync(key);
        }

        await Redis.DisposeAsync();
        if (_process is { } process)
        {
            await process.DisposeAsync();
        }
    }

    private static string StandbyKey(string apiKey) => "standby-" + apiKey;

    private static Task<ServiceProcess> StartProcessAsync(string prefix, string apiKey, int? port) => ServiceProcess.StartAsync(
        "QuotePlatform.Relay", Settings(prefix, apiKey), http2Only: true, TimeSpan.FromSeconds(90), port);

    private static Task<ServiceProcess> StartTlsProcessAsync(string prefix, string apiKey, Uri address, PemPair certificate, string? clientCaFile = null)
    {
        var settings = Settings(prefix, apiKey);
        if (clientCaFile is not null)
        {
            settings["Relay__ClientCertificateCaFile"] = clientCaFile;
            settings["Relay__Producers__2__Id"] = "ingest-cert";
            settings["Relay__Producers__2__ClientCertificateName"] = "ingest-desk";
        }

        // Over TLS, ALPN picks HTTP/2 for gRPC; the cleartext health port then speaks HTTP/1.1.
        settings["Kestrel__EndpointDefaults__Protocols"] = "Http1AndHttp2";
        settings["Kestrel__Endpoints__Tls__Certificate__Path"] = certificate.CertificateFile;
        settings["Kestrel__Endpoints__Tls__Certificate__KeyPath"] = certificate.KeyFile;
        return ServiceProcess.StartAsync(
            "QuotePlatform.Relay", settings, ["Health", "Tls"], TimeSpan.FromSeconds(90), new Dictionary<string, Uri> { ["Tls"] = address });
    }

    private static Dictionary<string, string> Settings(string prefix, string apiKey) => new()
    {
        ["ConnectionStrings__redis"] = TestServers.Redis,
        ["Streams__KeyPrefix"] = prefix,
        ["Streams__ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
        ["Relay__Producers__0__Id"] = "ingest-test",
        ["Relay__Producers__0__ApiKey"] = apiKey,
        ["Relay__Producers__1__Id"] = "ingest-standby",
        ["Relay__Producers__1__ApiKey"] = StandbyKey(apiKey),
        // Hot standby: a killed holder's lease runs out within a second.
        ["Relay__Leases__Ttl"] = "00:00:01",
    };
}
