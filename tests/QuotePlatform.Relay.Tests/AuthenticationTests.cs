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

        var headers = new Metadata();
        if (apiKey is not null)
        {
            headers.Add("x-api-key", apiKey);
        }

        using var call = relay.CreateIngestClient().Publish(headers);

        // Refused before any batch is read: the answer stream fails at once.
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-api-key", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys));
    }
}
