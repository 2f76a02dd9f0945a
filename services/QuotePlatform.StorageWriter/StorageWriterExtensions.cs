using QuotePlatform.ServiceDefaults;
using QuotePlatform.Storage;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.StorageWriter.Resilience;
using QuotePlatform.StorageWriter.Telemetry;
using QuotePlatform.StorageWriter.Writing;
using QuotePlatform.Streams.Hosting;

namespace QuotePlatform.StorageWriter;

public static class StorageWriterExtensions
{
    /// <summary>
    /// Redis streams (ConnectionStrings:redis, section Streams), ClickHouse (ConnectionStrings:clickhouse,
    /// section Storage), the StorageWriter options, resilience pipelines, metrics, the consume loop
    /// and the periodic report.
    /// </summary>
    public static TBuilder AddStorageWriter<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisStreams("redis");
        builder.AddClickHouseStorage("clickhouse");
        var services = builder.Services;
        services.AddValidatedOptions<StorageWriterOptions>();
        services.AddMetrics();
        services.AddStorageWriterResilience();
        services.AddSingleton<WriterMetrics>();
        services.AddSingleton<ConsumerGroupReader>();
        services.AddSingleton<BarQualityGate>();
        services.AddSingleton<BatchWriter>();
        services.AddSingleton<WriterReadiness>();
        services.AddHealthChecks().AddCheck<WriterReadiness>("storage-writer");
        services.AddHostedService<StorageWriterWorker>();
        services.AddHostedService<PeriodicReporter>();
        return builder;
    }
}
