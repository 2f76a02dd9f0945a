using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.History;
using QuotePlatform.Ingest.Leases;
using QuotePlatform.Ingest.Pipeline;
using QuotePlatform.Ingest.Publishing;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Replay;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;
using QuotePlatform.Configuration;
using QuotePlatform.Configuration.Tls;

namespace QuotePlatform.Ingest;

public static class IngestExtensions
{
    /// <summary>The source chosen by Ingest:Source, the bar engine, the spool, the relay publisher and the report.</summary>
    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        builder.AddPublishing();
        var services = builder.Services;
        services.AddTickSource(builder.Configuration.GetValue<TickSourceKind?>($"{IngestOptions.Section}:{nameof(IngestOptions.Source)}"));
        services.AddHostedService<IngestWorker>();
        return builder;
    }

    /// <summary>
    /// The `backfill` verb: the terminal (Ingest:Qmt), the history import, and the same spool and
    /// publisher as the live ingest, in a spool folder of its own (Ingest:Spool:Directory/backfill)
    /// and on the relay channel "backfill", so it runs beside a live ingest without meeting it.
    /// </summary>
    public static WebApplicationBuilder AddHistoryImport(this WebApplicationBuilder builder, HistoryRequest request)
    {
        builder.AddPublishing();
        var services = builder.Services;
        services.PostConfigure<SpoolOptions>(spool => spool.Directory = spool.Directory.Length == 0 ? "" : Path.Combine(spool.Directory, BackfillArguments.Verb));
        services.PostConfigure<RelayClientOptions>(relay => relay.Channel = relay.Channel.Length == 0 ? BackfillArguments.Verb : relay.Channel);
        services.PostConfigure<IngestOptions>(ingest =>
        {
            ingest.Source ??= TickSourceKind.Qmt;
            // History is not live data: an import publishes whatever lease the live ingests hold.
            ingest.Feed = "";
        });
        services.AddQmtSource();
        services.AddSingleton(request);
        services.AddHostedService<HistoryImportWorker>();
        return builder;
    }

    private static void AddPublishing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<IngestOptions>();
        services.AddValidatedOptions<BatchingOptions>();
        // A relative spool directory lies beside the binary, also for a Windows Service (whose working directory is System32).
        services.AddValidatedOptions<SpoolOptions>().PostConfigure<IHostEnvironment>((spool, environment) =>
            spool.Directory = spool.Directory.Length == 0 ? "" : Path.GetFullPath(spool.Directory, environment.ContentRootPath));
        services.AddValidatedOptions<RelayClientOptions>();
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<IngestMetrics>();
        services.AddBatchSpool();
        services.AddSingleton(RelayChannel);
        services.AddSingleton(provider => provider.GetRequiredService<GrpcChannel>().CreateCallInvoker());
        services.AddValidatedOptions<HistoryOptions>();
        services.AddIngestResilience();
        services.AddSingleton<IngestReporter>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestReporter>());
        services.AddSingleton(provider =>
        {
            var lease = ActivatorUtilities.CreateInstance<FeedLease>(provider);
            var metrics = provider.GetRequiredService<IngestMetrics>();
            metrics.LeaseHolder = () => lease.Role == Contracts.Ingest.V1.LeaseRole.Holder || !lease.Enabled ? 1 : 0;
            metrics.LeaseEpoch = () => lease.Epoch;
            return lease;
        });
        services.AddHostedService<LeaseKeeper>();
        services.AddHostedService<RelayPublisher>();
    }

    /// <summary>The spool, recovered from its directory when the host first needs it (see <see cref="BatchSpool.Open"/>).</summary>
    public static IServiceCollection AddBatchSpool(this IServiceCollection services) =>
        services.AddSingleton(provider => BatchSpool.Open(
            provider.GetRequiredService<IOptions<SpoolOptions>>().Value, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<BatchSpool>>()));

    private static void AddTickSource(this IServiceCollection services, TickSourceKind? kind)
    {
        var replay = services.AddValidatedOptions<ReplayOptions>();
        switch (kind)
        {
            case TickSourceKind.Replay:
                replay.Validate(
                    options => File.Exists(options.Path),
                    $"{ReplayOptions.Section}:{nameof(ReplayOptions.Path)}: no such file; give the recorded payloads (JSON Lines) to replay");
                services.AddSingleton<ITickSource, ReplayTickSource>();
                break;
            case TickSourceKind.Qmt:
                services.AddQmtSource();
                services.AddSingleton<HistorySync>();
                services.AddSingleton<ITickSource>(provider =>
                {
                    // Pushes the source could not queue show in the ingest's report and metrics.
                    var statistics = provider.GetRequiredService<QmtSourceStatistics>();
                    provider.GetRequiredService<IngestMetrics>().SourceDropped = () => statistics.InboxFull + statistics.ChannelFull;
                    provider.GetRequiredService<FeedLease>().SourceFailures = () => statistics.LinkLosses;
                    return provider.GetRequiredService<QmtTickSource>();
                });
                break;
            default:
                // IngestOptions validation names the key at start.
                services.AddSingleton<ITickSource>(_ => throw new OptionsValidationException(
                    IngestOptions.Section, typeof(IngestOptions), ["Ingest:Source: set it to Qmt or Replay"]));
                break;
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    // One channel to the relay for the process. TLS follows the URL scheme (https: the certificate
    // checked against Ingest:Relay:CaFile or the system's CAs, a refusal logged with its reason);
    // keep-alive pings find a dead connection while no batch is in flight.
    private static GrpcChannel RelayChannel(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<RelayClientOptions>>().Value;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RelayPublisher));
        var clientCertificate = options.ClientCertificateFile.Length > 0 ? ClientCertificate(options) : null;
        var tls = new CertificateTrust(options.CaFile)
            .ClientOptions(reason => PublishingLog.CertificateRefused(logger, options.Address, reason), clientCertificate);
        return GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            MaxSendMessageSize = null,
            LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(20),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                EnableMultipleHttp2Connections = true,
                SslOptions = tls,
            },
        });
    }

    // Windows' TLS (SChannel) cannot use a PEM key held only in memory: a round trip through PKCS#12
    // gives the certificate a key it can use, on every system.
    private static X509Certificate2 ClientCertificate(RelayClientOptions options)
    {
        using var pem = X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
