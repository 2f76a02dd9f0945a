using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using QuotePlatform.Configuration.Tls;
using QuotePlatform.Relay.Auth;
using QuotePlatform.Relay.Ingest;
using QuotePlatform.Relay.Leases;
using QuotePlatform.Relay.Options;
using QuotePlatform.Relay.Telemetry;
using QuotePlatform.Relay.Trimming;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams.Retention;
using QuotePlatform.Configuration;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.Relay;

public static class RelayExtensions
{
    /// <summary>The ingest gRPC endpoint, its validation, Redis writing, trimming, reporting and the published pipeline statistics.</summary>
    public static WebApplicationBuilder AddRelay(this WebApplicationBuilder builder)
    {
        // gRPC needs HTTP/2, and without TLS Kestrel cannot negotiate it: unless configured otherwise
        // (Kestrel:EndpointDefaults:Protocols, e.g. Http1AndHttp2 with TLS), endpoints speak HTTP/2 only.
        if (builder.Configuration["Kestrel:EndpointDefaults:Protocols"] is null)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        if (builder.Configuration[$"{RelayOptions.Section}:{nameof(RelayOptions.ClientCertificateCaFile)}"] is { Length: > 0 } clientCa)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                var trust = new CertificateTrust(clientCa);
                var log = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProducerAuthenticator));
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (certificate, chain, errors) =>
                {
                    var refusal = trust.Refusal(certificate, chain, errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch);
                    if (refusal is not null)
                    {
                        ClientCertificateLog.Refused(log, refusal);
                    }

                    return refusal is null;
                };
            }));
        }

        var services = builder.Services;
        services.AddValidatedOptions<RelayOptions>();
        services.AddGrpc();
        services.AddSingleton<ProducerAuthenticator>();
        services.AddSingleton<RelayKeys>();
        services.AddSingleton<RetentionRegistry>();
        services.AddSingleton<RetentionWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionWatcher>());
        services.AddSingleton<BatchPreparer>();
        services.AddSingleton<StreamBatchWriter>();
        services.AddSingleton<BatchPublisher>();
        services.AddValidatedOptions<LeaseOptions>();
        services.AddSingleton<FeedLeases>();
        services.AddSingleton<RelayMetrics>();
        services.AddHostedService<StreamTrimmingService>();
        services.AddHostedService<RelayReportService>();
        services.AddPipelineStats<RelayStatsSource>();
        return builder;
    }

    public static WebApplication MapRelay(this WebApplication app)
    {
        app.MapGrpcService<IngestGrpcService>();
        return app;
    }
}
