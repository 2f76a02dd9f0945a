using System.Net;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace QuotePlatform.Relay.Tests;

public sealed class HostingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HealthReady_RedisAnswers_HealthyAndUnreachableRedis_Unavailable()
    {
        await using var up = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        await using var down = new RelayHost("127.0.0.1:1,connectTimeout=200", RelayHost.NewPrefix());

        using var upHttp = up.CreateClient();
        using var downHttp = down.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await upHttp.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await downHttp.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await downHttp.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("Relay:Producers:0:ApiKey", "short", "Relay:Producers:0:ApiKey")]
    [InlineData("Relay:Producers:1:ApiKey", RelayHost.ApiKey, "Relay:Producers:1:ApiKey")]
    [InlineData("Relay:Trimming:FinalMaxEntries", "0", "Relay:Trimming:FinalMaxEntries")]
    [InlineData("Streams:ShardCount", "0", "Streams:ShardCount")]
    public async Task Start_InvalidSetting_FailsNamingTheKey(string key, string value, string named)
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix(), new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => relay.Server);

        Assert.Contains(error.Failures, failure => failure.StartsWith(named + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NoRedisConnectionString_ExitsNamingTheKey()
    {
        // As a process: an in-process host that fails this early races WebApplicationFactory's own start.
        await using var relay = await ServiceProcess.StartAsync("QuotePlatform.Relay", new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Relay:Producers:0:Id"] = RelayHost.ProducerId,
            ["Relay:Producers:0:ApiKey"] = RelayHost.ApiKey,
        }, http2Only: true, readyTimeout: TimeSpan.Zero);

        var exitCode = await relay.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:redis is not set", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_RelayStopsWithBatchesInFlight_EveryBatchReadIsAnsweredAndCallEndsCleanly()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        using var call = relay.CreateIngestClient().Publish(new Metadata { { "x-api-key", RelayHost.ApiKey } });
        await call.RequestStream.WriteAsync(TestBars.Batch(1, 500));
        Assert.True(await call.ResponseStream.MoveNext());

        for (var sequence = 2UL; sequence <= 9; sequence++)
        {
            await call.RequestStream.WriteAsync(TestBars.Batch(sequence, 500, minute: (int)sequence));
        }

        relay.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var answered = new List<PublishResponse> { call.ResponseStream.Current };
        while (await call.ResponseStream.MoveNext())
        {
            answered.Add(call.ResponseStream.Current);
        }

        output.WriteLine($"{answered.Count} of 9 batches read and answered before the relay stopped");
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(BatchStatus.Written, answered[0].Status);
        // A batch read as the host closes its Redis connection is answered FAILED, possibly with some
        // shards written (the producer resends it; the relay then writes only the missing shards).
        // Every batch answered WRITTEN is in the stream, and nothing that was not answered.
        Assert.All(answered, answer => Assert.Contains(answer.Status, new[] { BatchStatus.Written, BatchStatus.Failed }));
        var written = (await StreamContents.EntriesAsync(SharedRedis.Database, relay.Keys.Bars)).Select(e => e.Entry.Sequence).ToHashSet();
        Assert.Subset(written, answered.Where(a => a.Status == BatchStatus.Written).Select(a => a.Sequence).ToHashSet());
        Assert.Subset(answered.Select(a => a.Sequence).ToHashSet(), written);
    }
}
