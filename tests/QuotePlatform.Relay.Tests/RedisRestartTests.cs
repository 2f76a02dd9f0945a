using Grpc.Core;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using StackExchange.Redis;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class RedisRestartTests
{
    private const int Batches = 40;
    private const int BarsPerBatch = 100;

    [Fact]
    public async Task Publish_RedisKilledAndRestartedMidStream_ProducerSeesFailuresResendsAndNothingIsLostOrDoubled()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var relay = new RelayHost($"{redis.Address},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000", RelayHost.NewPrefix());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var failures = 0;
        var down = false;

        for (var sequence = 1UL; sequence <= Batches; sequence++)
        {
            if (sequence == Batches / 3)
            {
                await redis.KillAsync();
                down = true;
            }

            // A producer keeps an unacknowledged batch and resends it until the relay confirms it.
            while (await TryPublishAsync(relay, TestBars.Batch(sequence, BarsPerBatch, minute: (int)sequence)) is not (BatchStatus.Written or BatchStatus.Duplicate))
            {
                failures++;
                if (down && failures >= 3)
                {
                    // Back once the producer has seen the outage a few times (not after a fixed wait).
                    await redis.StartAgainAsync();
                    down = false;
                }

                await Task.Delay(200, deadline.Token);
            }
        }

        Assert.True(failures > 0, "the producer should have seen the outage");
        using var reader = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var bars = await StreamContents.FinalBarsAsync(reader.GetDatabase(), relay.Keys);
        Assert.Equal(Batches * BarsPerBatch, bars.Count);
        Assert.Equal(Batches * BarsPerBatch, bars.Select(b => (b.Bar.Symbol, b.Bar.FrameUnixMs)).Distinct().Count());
    }

    private static async Task<BatchStatus> TryPublishAsync(RelayHost relay, PublishRequest request)
    {
        try
        {
            return (await relay.PublishAsync(request)).Status;
        }
        catch (RpcException)
        {
            return BatchStatus.Failed;
        }
    }
}
