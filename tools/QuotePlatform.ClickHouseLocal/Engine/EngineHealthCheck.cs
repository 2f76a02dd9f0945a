using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>Ready once the engine's connections are open, until shutdown begins.</summary>
internal sealed class EngineHealthCheck(ChdbEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.IsServing
            ? HealthCheckResult.Healthy($"ClickHouse {engine.Version}")
            : HealthCheckResult.Unhealthy("The engine is not connected"));
}
