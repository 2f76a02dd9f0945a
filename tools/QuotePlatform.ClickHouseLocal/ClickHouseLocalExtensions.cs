using Microsoft.AspNetCore.Server.Kestrel.Core;
using QuotePlatform.ClickHouseLocal.Engine;
using QuotePlatform.ClickHouseLocal.Http;
using QuotePlatform.Configuration;

namespace QuotePlatform.ClickHouseLocal;

public static class ClickHouseLocalExtensions
{
    /// <summary>The engine (options, connection pool as a hosted service, readiness) and the HTTP interface.</summary>
    public static TBuilder AddClickHouseLocal<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ClickHouseLocalOptions>();
        builder.Services.AddSingleton<ChdbEngine>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChdbEngine>());
        builder.Services.AddSingleton<ClickHouseHttpHandler>();
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("clickhouse-engine");

        // Inserts stream bodies of any size into the engine, as clickhouse-server accepts them.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        return builder;
    }

    /// <summary>"/" takes queries (GET read-only, POST any); "/ping" answers "Ok." once the engine is connected.</summary>
    public static WebApplication MapClickHouseHttpInterface(this WebApplication app)
    {
        var handler = app.Services.GetRequiredService<ClickHouseHttpHandler>();
        app.MapGet("/ping", handler.PingAsync);
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], handler.HandleAsync);
        return app;
    }
}
