using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace QuotePlatform.StorageWriter.Resilience;

public static partial class ResiliencePipelines
{
    public const string ClickHouse = "storage-writer-clickhouse";
    public const string Redis = "storage-writer-redis";
    public const string Unavailable = "storage-writer-unavailable";

    /// <summary>Set on an Unavailable execution's context once it had to wait.</summary>
    public static readonly ResiliencePropertyKey<bool> Retried = new("storage-writer.retried");

    /// <summary>
    /// ClickHouse: retry transient failures with exponential back-off and jitter, inside a circuit
    /// breaker that opens when they keep coming, so the worker stops reading until ClickHouse is
    /// back instead of hammering it. Redis: retry transient failures only. Unavailable: around a whole
    /// step of the worker (preparing the schema, storing a batch), wait as long as it takes, every
    /// StorageWriter:UnavailableRetryDelay with jitter, while ClickHouse or Redis is away or the
    /// circuit is open: the entries stay pending in Redis meanwhile.
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

        services.AddResiliencePipeline(Unavailable, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<StorageWriterOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ResiliencePipelines));
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<BrokenCircuitException>()
                    .Handle<Exception>(ex => TransientFailures.IsClickHouse(ex) || TransientFailures.IsRedis(ex)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = true,
                Delay = options.UnavailableRetryDelay,
                OnRetry = args =>
                {
                    if (args.AttemptNumber == 0)
                    {
                        args.Context.Properties.Set(Retried, true);
                        LogWaiting(logger, args.Context.OperationKey ?? "", options.UnavailableRetryDelay, args.Outcome.Exception);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ClickHouse or Redis unavailable while {Operation}: nothing is acknowledged meanwhile; retrying every {Delay}")]
    private static partial void LogWaiting(ILogger logger, string operation, TimeSpan delay, Exception? exception);
}
