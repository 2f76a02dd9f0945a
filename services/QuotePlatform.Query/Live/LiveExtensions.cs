using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Live;

public static class LiveExtensions
{
    /// <summary>quoteplatform.query.v1.LiveService and WatchService (section Live); need AddRedisStreams and AddQueryService.</summary>
    public static IHostApplicationBuilder AddLiveSubscriptions(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<LiveOptions>();
        services.AddGrpc();
        services.AddSingleton<SubscriptionValidator>();
        services.AddSingleton<WatchRequestValidator>();
        services.AddSingleton<LiveContext>();
        services.AddSingleton<DecodedEntryCache>();
        services.AddSingleton<StreamActivityMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<StreamActivityMonitor>());
        return builder;
    }

    public static WebApplication MapLiveSubscriptions(this WebApplication app)
    {
        app.MapGrpcService<LiveGrpcService>();
        app.MapGrpcService<WatchGrpcService>();
        return app;
    }
}
