using Grpc.Core;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-known-key-0123456789")]
    public async Task Publish_MissingOrUnknownApiKey_UnauthenticatedAndNothingWritten(string? apiKey)
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var error = await Assert.ThrowsAsync<RpcException>(() => relay.PublishAsync(TestBars.Batch(1, 5), apiKey));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-api-key", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys));
    }
}
