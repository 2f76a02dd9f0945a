using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuotePlatform.Relay.Trimming;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Streams;
using Xunit;

namespace QuotePlatform.Relay.Tests.Infrastructure;

/// <summary>The relay in-process against a real Redis, with its own key prefix so tests can share a server.</summary>
public sealed class RelayHost : WebApplicationFactory<Program>
{
    public const string ProducerId = "ingest-test";
    public const string ApiKey = "test-api-key-0123456789";
    public const int ShardCount = 4;
    public const string OtherProducerId = "other-producer";
    public const string OtherApiKey = "other-api-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public RelayHost(string redis, string keyPrefix, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        Keys = new StreamKeys(keyPrefix);
        _settings = new()
        {
            ["ConnectionStrings:redis"] = redis,
            ["Streams:KeyPrefix"] = keyPrefix,
            ["Streams:ShardCount"] = ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Relay:Producers:0:Id"] = ProducerId,
            ["Relay:Producers:0:ApiKey"] = ApiKey,
            ["Relay:Producers:1:Id"] = OtherProducerId,
            ["Relay:Producers:1:ApiKey"] = OtherApiKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public StreamKeys Keys { get; }

    public LogCollector Logs { get; } = new();

    public StreamTrimmingService Trimming => Services.GetServices<IHostedService>().OfType<StreamTrimmingService>().Single();

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public IngestService.IngestServiceClient CreateIngestClient() =>
        new(GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() }));

    /// <summary>Sends one batch on a fresh call and returns the relay's answer.</summary>
    public async Task<PublishResponse> PublishAsync(PublishRequest request, string? apiKey = ApiKey)
    {
        var headers = new Metadata();
        if (apiKey is not null)
        {
            headers.Add("x-api-key", apiKey);
        }

        using var call = CreateIngestClient().Publish(headers);
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(), "the relay closed the call without answering");
        var response = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        // Let the relay end the call itself, as a producer that is done would.
        Assert.False(await call.ResponseStream.MoveNext(), "one batch, one answer");
        return response;
    }

    /// <summary>Asks for (or renews, or releases) a feed's lease as the producer of <paramref name="apiKey"/>.</summary>
    public async Task<LeaseResponse> LeaseAsync(string feed, string apiKey = ApiKey, bool release = false) =>
        await CreateIngestClient().LeaseAsync(new LeaseRequest { Feed = feed, Release = release }, new Metadata { { "x-api-key", apiKey } });
}
