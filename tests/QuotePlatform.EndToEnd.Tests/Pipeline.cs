using System.Security.Cryptography;
using ClickHouse.Driver;
using Grpc.Core;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Storage;
using QuotePlatform.Testing;

namespace QuotePlatform.EndToEnd.Tests;

/// <summary>
/// The deployed chain on loopback: a relay and a storage writer process sharing a Redis key prefix,
/// writing to a ClickHouse database of the test's own.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string ProducerId = "e2e-producer";

    private readonly ServiceProcess _relay;
    private readonly ServiceProcess _writer;
    private readonly GrpcChannel _channel;

    private Pipeline(ServiceProcess relay, ServiceProcess writer, string apiKey, ClickHouseClient clickHouse)
    {
        _relay = relay;
        _writer = writer;
        ApiKey = apiKey;
        ClickHouse = clickHouse;
        _channel = GrpcChannel.ForAddress(relay.Address);
        Ingest = new IngestService.IngestServiceClient(_channel);
    }

    public string ApiKey { get; }

    public Uri RelayAddress => _relay.Address;

    public IngestService.IngestServiceClient Ingest { get; }

    /// <summary>Client on the test's own database, where the writer stores bars.</summary>
    public ClickHouseClient ClickHouse { get; }

    public string Logs => $"--- relay\n{_relay.Output}\n--- storage writer\n{_writer.Output}";

    /// <param name="writerSettings">Further settings of the storage writer (e.g. Storage:OneMinuteRetention).</param>
    public static async Task<Pipeline> StartAsync(IReadOnlyDictionary<string, string>? writerSettings = null)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var database = $"e2e_{suffix}";
        using (var admin = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl)))
        {
            await admin.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        }

        var clickHouseUrl = $"{TestServers.ClickHouseUrl}/{database}";
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Streams__KeyPrefix"] = $"e2e-{suffix}",
            ["Streams__ShardCount"] = "4",
        };
        var writerEnvironment = new Dictionary<string, string>(shared)
        {
            ["ConnectionStrings__clickhouse"] = clickHouseUrl,
            ["StorageWriter__ConsumerName"] = "e2e-writer",
        };
        foreach (var (key, value) in writerSettings ?? new Dictionary<string, string>())
        {
            writerEnvironment[key] = value;
        }

        var writer = await ServiceProcess.StartAsync("QuotePlatform.StorageWriter", writerEnvironment, http2Only: false, TimeSpan.FromSeconds(60));
        var relay = await ServiceProcess.StartAsync(
            "QuotePlatform.Relay",
            new Dictionary<string, string>(shared)
            {
                ["Relay__Producers__0__Id"] = ProducerId,
                ["Relay__Producers__0__ApiKey"] = apiKey,
            },
            http2Only: true,
            TimeSpan.FromSeconds(60));
        return new Pipeline(relay, writer, apiKey, new ClickHouseClient(ClickHouseSettings.Parse(clickHouseUrl)));
    }

    /// <summary>Sends the batches on one Publish call and returns the relay's answer to each.</summary>
    public async Task<List<PublishResponse>> PublishAsync(IEnumerable<PublishRequest> batches)
    {
        using var call = Ingest.Publish(new Metadata { { "x-api-key", ApiKey } });
        var sent = 0;
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
            sent++;
        }

        await call.RequestStream.CompleteAsync();
        var responses = new List<PublishResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            responses.Add(response);
        }

        Assert.Equal(sent, responses.Count);
        return responses;
    }

    public async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await ClickHouse.ExecuteScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _relay.DisposeAsync();
        await _writer.DisposeAsync();
        ClickHouse.Dispose();
    }
}
