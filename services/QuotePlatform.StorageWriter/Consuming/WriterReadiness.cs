using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>Ready once the schema is migrated and the consumer groups exist.</summary>
public sealed class WriterReadiness : IHealthCheck
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("schema or consumer groups not prepared yet"));
}
