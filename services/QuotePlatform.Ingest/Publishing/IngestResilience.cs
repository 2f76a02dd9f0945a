using Grpc.Core;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.Publishing;

public static class IngestResilience
{
    public const string Relay = "ingest-relay";

    /// <summary>
    /// Reconnecting to the relay: every transient failure is retried without limit (the spool holds the
    /// data meanwhile), with exponential back-off and jitter up to Ingest:Relay:ReconnectMaxDelay.
    /// A refused API key is not transient and ends the retries.
    /// </summary>
    public static IServiceCollection AddIngestResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(Relay, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<RelayClientOptions>>().Value;
            var metrics = context.ServiceProvider.GetRequiredService<IngestMetrics>();
            var logger = context.ServiceProvider.GetRequiredService<ILogger<RelayPublisher>>();
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RelayCallException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.ReconnectMaxDelay,
                OnRetry = args =>
                {
                    metrics.Reconnected();
                    PublishingLog.Retrying(logger, options.Address, args.AttemptNumber + 1, Describe(args.Outcome.Exception), args.RetryDelay);
                    return default;
                },
            });
        });
        return services;
    }

    /// <summary>Only a refused key or a relay that does not serve the method is worth giving up for.</summary>
    public static bool IsFatal(RpcException ex) => ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unimplemented;

    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown",
        RelayCallException { InnerException: RpcException rpc } => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        RelayCallException { InnerException: { } inner } => $"{ex.Message} ({inner.GetType().Name}: {inner.Message})",
        _ => ex.Message,
    };
}
