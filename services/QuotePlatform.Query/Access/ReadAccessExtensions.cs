using QuotePlatform.Configuration;
using QuotePlatform.Query.Api;
using QuotePlatform.Query.Live;

namespace QuotePlatform.Query.Access;

public static class ReadAccessExtensions
{
    /// <summary>
    /// Read keys (Query:ReadApiKeys) and limits per client (Query:ClientLimits) in front of
    /// QueryService, LiveService and WatchService; the admin service keeps its own key.
    /// </summary>
    public static IHostApplicationBuilder AddReadAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ReadAccessOptions>();
        services.AddValidatedOptions<ClientLimitOptions>();
        services.AddSingleton<ReadKeyAuthenticator>();
        services.AddSingleton<ClientLimiter>();
        services.AddSingleton<ReadAccessInterceptor>();
        services.AddGrpc()
            .AddServiceOptions<QueryGrpcService>(grpc => grpc.Interceptors.Add<ReadAccessInterceptor>())
            .AddServiceOptions<LiveGrpcService>(grpc => grpc.Interceptors.Add<ReadAccessInterceptor>())
            .AddServiceOptions<WatchGrpcService>(grpc => grpc.Interceptors.Add<ReadAccessInterceptor>());
        return builder;
    }
}
