using Microsoft.Extensions.Logging;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using StackExchange.Redis;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class TrimmingServiceTests
{
    [Fact]
    public async Task TrimAllAsync_StreamNearMemoryCap_ReportedAsErrorNamingStreamAndKey()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix(), new Dictionary<string, string?>
        {
            ["Relay:Trimming:StreamMemoryCapBytes"] = "4096",
        });
        await relay.PublishAsync(TestBars.Batch(1, 400));

        await relay.Trimming.TrimAllAsync();

        var errors = relay.Logs.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).ToList();
        Assert.Contains(errors, message => message.Contains(relay.Keys.Bars(0), StringComparison.Ordinal)
            && message.Contains("Relay:Trimming:StreamMemoryCapBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrimAllAsync_GroupHasNotRead_EntriesKeptAndGroupNamedInWarning()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix(), new Dictionary<string, string?>
        {
            ["Relay:Trimming:FinalMaxEntries"] = "10",
        });
        var redis = SharedRedis.Database;
        var stream = relay.Keys.Bars(2);
        for (var i = 0; i < 300; i++)
        {
            await redis.StreamAddAsync(stream, "n", i);
        }

        await redis.StreamCreateConsumerGroupAsync(stream, "storage-writer", StreamPosition.Beginning);

        await relay.Trimming.TrimAllAsync();

        Assert.Equal(300, await redis.StreamLengthAsync(stream));
        Assert.Contains(relay.Logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains(stream, StringComparison.Ordinal) && e.Message.Contains("storage-writer", StringComparison.Ordinal));
    }
}
