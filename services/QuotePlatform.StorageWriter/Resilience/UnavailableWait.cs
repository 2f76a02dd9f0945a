using Polly;
using Polly.Registry;

namespace QuotePlatform.StorageWriter.Resilience;

/// <summary>
/// Runs an operation through the <see cref="ResiliencePipelines.Unavailable"/> pipeline, which waits out
/// ClickHouse or Redis being away, and tells how long the wait lasted (zero when the first try worked).
/// </summary>
public sealed class UnavailableWait(ResiliencePipelineProvider<string> pipelines, TimeProvider time)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ResiliencePipelines.Unavailable);

    /// <param name="operation">Named in the pipeline's log line while it waits, e.g. "storing 12 entries (5,200 bars)".</param>
    public async Task<TimeSpan> RunAsync(string operation, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        var started = time.GetTimestamp();
        try
        {
            await _pipeline.ExecuteAsync(static async (context, action) => await action(context.CancellationToken), context, action);
            return context.Properties.TryGetValue(ResiliencePipelines.Retried, out var retried) && retried
                ? time.GetElapsedTime(started)
                : TimeSpan.Zero;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
