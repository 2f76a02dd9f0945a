using Grpc.Core;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;

namespace QuotePlatform.Query.Tests.AdminTests;

public sealed class AdminAuthTests
{
    [Fact]
    public async Task ListConsumerGroups_NoKey_Unauthenticated()
    {
        await using var host = new LiveHost();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Admin().ListConsumerGroupsAsync(new ListConsumerGroupsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-admin-key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopConsumer_WrongKey_PermissionDeniedAndNothingRequested()
    {
        await using var host = new LiveHost();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Admin().StopConsumerAsync(
            new StopConsumerRequest { Group = "storage-writer", Consumer = "w1" },
            new Metadata { { "x-admin-key", "not-the-admin-key-at-all" } }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.False(await LiveHost.Redis.KeyExistsAsync(host.Keys.ConsumerStopRequests("storage-writer")));
    }

    [Fact]
    public async Task DeleteConsumer_MissingNames_InvalidArgument()
    {
        await using var host = new LiveHost();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Admin().DeleteConsumerAsync(
            new DeleteConsumerRequest { Group = "desk" }, LiveHost.AdminHeaders));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("group and consumer are both required", error.Status.Detail, StringComparison.Ordinal);
    }
}
