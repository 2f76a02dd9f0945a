using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Sources.Qmt;

public static class QmtSourceExtensions
{
    /// <summary>
    /// The QMT source with its options (<c>Ingest:Qmt</c>), the process's CPython (shut down with the
    /// container), its statistics and the reconnect pipeline (exponential back-off with jitter,
    /// retrying while the terminal is unreachable), and the after-close comparison with QMT's 1m history.
    /// </summary>
    public static IServiceCollection AddQmtSource(this IServiceCollection services)
    {
        services.AddValidatedOptions<QmtOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PythonRuntime>();
        services.AddSingleton<QmtSourceStatistics>();
        services.AddSingleton<QmtTickSource>();
        services.AddMetrics();
        services.AddSingleton(provider => new MinuteBook { Enabled = provider.GetRequiredService<IOptions<QmtOptions>>().Value.CompareAfterClose });
        services.AddSingleton<ComparisonMetrics>();
        services.AddSingleton<AfterCloseComparison>();
        services.AddResiliencePipeline(QmtTickSource.ReconnectPipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<QmtOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<QmtTickSource>();
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<QmtLinkLostException>().Handle<PythonException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectBaseDelay,
                MaxDelay = options.ReconnectMaxDelay,
                OnRetry = args =>
                {
                    QmtLog.ReconnectFailed(logger, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "?", args.RetryDelay);
                    return default;
                },
            });
        });
        return services;
    }
}
