using Grpc.Core;
using Xunit;

namespace QuotePlatform.Query.Tests.Support;

public static class RpcAssert
{
    /// <summary>The call fails with <paramref name="status"/> and a message containing each of <paramref name="fragments"/>.</summary>
    public static async Task<RpcException> FailsAsync(StatusCode status, Func<Task> call, params string[] fragments)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(status, ex.StatusCode);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, ex.Status.Detail, StringComparison.Ordinal);
        }

        return ex;
    }
}
