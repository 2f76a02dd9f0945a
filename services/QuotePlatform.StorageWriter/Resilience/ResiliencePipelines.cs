using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace QuotePlatform.StorageWriter.Resilience;

public static class ResiliencePipelines
{
    public const string ClickHouse = "storage-writer-clickhouse";
    public const string Redis = "storage-writer-redis";

    /// <summary>
    /// ClickHouse: retry transient failures with exponential back-off and jitter, inside a circuit
    /// breaker that opens when they keep coming, so the worker stops reading until ClickHouse is
    /// back instead of hammering it. Redis: retry transient failures only.
    /// </summary>
    public static IServiceCollection AddStorageWriterResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(ClickHouse, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<StorageWriterOptions>>().Value;
            pipeline
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsClickHouse),
                    MaxRetryAttempts = options.InsertRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(5),
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsClickHouse),
                    FailureRatio = 0.5,
                    MinimumThroughput = 3,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.CircuitBreakDuration,
                });
        });

        services.AddResiliencePipeline(Redis, pipeline => pipeline.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsRedis),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        }));
        return services;
    }
}
