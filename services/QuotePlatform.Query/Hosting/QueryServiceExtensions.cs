using Grpc.AspNetCore.Web;
using Microsoft.Extensions.Options;
using QuotePlatform.Query.Coverage;
using QuotePlatform.Query.Api;
using QuotePlatform.Query.Bars;
using QuotePlatform.Query.Bars.DayCache;
using QuotePlatform.Query.Bars.CurrentDay;
using QuotePlatform.Query.Quotes;
using QuotePlatform.Query.Reference;
using QuotePlatform.Query.Symbols;
using QuotePlatform.Query.Telemetry;
using QuotePlatform.Configuration;
using QuotePlatform.Storage;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.Query.Hosting;

public static class QueryServiceExtensions
{
    private const string BrowserPolicy = "grpc-web";

    /// <summary>ClickHouse storage, the query API and what it reads with, reflection and CORS for gRPC-Web.</summary>
    public static TBuilder AddQueryService<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddClickHouseStorage();
        var services = builder.Services;
        services.AddValidatedOptions<QueryServiceOptions>();
        services.AddSingleton<QueryMetrics>();
        services.AddSingleton<SymbolDirectory>();
        services.AddSingleton<InstrumentNames>();
        services.AddSingleton<DividendFactorCache>();
        services.AddSingleton<LatestQuoteReader>();
        services.AddSingleton<CoverageReader>();
        services.AddSingleton<CoalescingBarReader>();
        services.AddSingleton<Storage.Ticks.TickReader>();
        services.AddValidatedOptions<DayCacheOptions>();
        services.AddSingleton<DayBarCache>();
        services.AddHostedService(provider => provider.GetRequiredService<DayBarCache>());
        services.AddValidatedOptions<CurrentDayOptions>();
        services.AddSingleton<CurrentDayBars>();
        services.AddHostedService(provider => provider.GetRequiredService<CurrentDayBars>());
        services.AddPipelineStats<QueryStatsSource>();
        services.AddGrpc(options => options.Interceptors.Add<StoreFailureInterceptor>());
        services.AddGrpcReflection();
        services.AddCors(cors => cors.AddPolicy(BrowserPolicy, policy => policy
            .AllowAnyMethod()
            .AllowAnyHeader()
            // A browser's gRPC-Web client reads the call's status from these response headers.
            .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding")));
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<QueryServiceOptions>>((cors, query) =>
            {
                var policy = cors.GetPolicy(BrowserPolicy)!;
                if (query.Value.AllowedOrigins.Length == 0)
                {
                    policy.Origins.Add(Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants.AnyOrigin);
                }
                else
                {
                    foreach (var origin in query.Value.AllowedOrigins)
                    {
                        policy.Origins.Add(origin);
                    }
                }
            });
        return builder;
    }

    /// <summary>
    /// gRPC on every endpoint and gRPC-Web for browsers (DefaultEnabled, so services mapped later
    /// get it too), server reflection, and the page's static files.
    /// </summary>
    public static WebApplication MapQueryService(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseCors();
        app.MapGrpcService<QueryGrpcService>().RequireCors(BrowserPolicy);
        app.MapGrpcReflectionService().RequireCors(BrowserPolicy);
        return app;
    }
}
