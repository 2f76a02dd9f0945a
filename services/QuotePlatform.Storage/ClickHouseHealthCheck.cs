using ClickHouse.Driver;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuotePlatform.Storage;

public sealed class ClickHouseHealthCheck(IClickHouseClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.PingAsync(cancellationToken: cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("ClickHouse did not answer the ping");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("ClickHouse is unreachable", ex);
        }
    }
}
