using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuotePlatform.Configuration;
using QuotePlatform.Streams.Control;
using QuotePlatform.Streams.Leases;
using QuotePlatform.Streams.Stats;
using QuotePlatform.Streams.Trimming;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Hosting;

public static class RedisStreamsExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{connectionName}</c>,
    /// the validated <see cref="RedisStreamsOptions"/>, <see cref="StreamKeys"/>, <see cref="ShardRouter"/>,
    /// <see cref="StreamTrimmer"/>, the consumer-control and statistics helpers and a readiness check that pings Redis.
    /// </summary>
    public static TBuilder AddRedisStreams<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddValidatedOptions<RedisStreamsOptions>();
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var key = $"ConnectionStrings:{connectionName}";
            var connectionString = provider.GetRequiredService<IConfiguration>()[key];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"{key} is not set: give the Redis address, e.g. \"127.0.0.1:6379\".");
            }

            var options = ConfigurationOptions.Parse(connectionString);
            // Start even while Redis is down and reconnect in the background: readiness reports it.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton(provider => new StreamKeys(provider.GetRequiredService<IOptions<RedisStreamsOptions>>().Value.KeyPrefix));
        services.AddSingleton(provider => new ShardRouter(provider.GetRequiredService<IOptions<RedisStreamsOptions>>().Value.ShardCount));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StreamTrimmer>();
        services.AddSingleton<ConsumerStopRequests>();
        services.AddSingleton<ConsumerHandOff>();
        services.TryAddSingleton<PipelineStatsStore>();
        services.TryAddSingleton<FeedLeaseReader>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }
}
