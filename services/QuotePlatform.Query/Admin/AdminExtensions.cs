using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Admin;

public static class AdminExtensions
{
    /// <summary>quoteplatform.admin.v1.AdminService behind the admin key (Query:AdminApiKey, required); needs AddRedisStreams.</summary>
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AdminOptions>();
        services.AddSingleton<AdminKeyInterceptor>();
        services.AddSingleton<ConsumerGroupInspector>();
        services.AddGrpc().AddServiceOptions<AdminGrpcService>(grpc => grpc.Interceptors.Add<AdminKeyInterceptor>());
        return builder;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        app.MapGrpcService<AdminGrpcService>();
        return app;
    }
}
