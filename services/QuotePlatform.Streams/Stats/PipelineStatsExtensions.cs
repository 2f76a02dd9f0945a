using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuotePlatform.Streams.Stats;

public static class PipelineStatsExtensions
{
    /// <summary>Publishes what <typeparamref name="TSource"/> reports every Streams:StatsInterval (needs AddRedisStreams).</summary>
    public static IServiceCollection AddPipelineStats<TSource>(this IServiceCollection services)
        where TSource : class, IPipelineStatsSource
    {
        services.TryAddSingleton<PipelineStatsStore>();
        services.AddSingleton<IPipelineStatsSource, TSource>();
        services.AddHostedService<PipelineStatsPublisher>();
        return services;
    }
}
