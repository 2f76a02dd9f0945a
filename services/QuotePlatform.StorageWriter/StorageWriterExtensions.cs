using QuotePlatform.Configuration;
using QuotePlatform.Storage;
using QuotePlatform.StorageWriter.Calendar;
using QuotePlatform.StorageWriter.Reference;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.Streams.Retention;
using QuotePlatform.StorageWriter.Resilience;
using QuotePlatform.StorageWriter.Telemetry;
using QuotePlatform.StorageWriter.Writing;
using QuotePlatform.Streams.Hosting;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.StorageWriter;

public static class StorageWriterExtensions
{
    /// <summary>
    /// Redis streams (ConnectionStrings:redis, section Streams), ClickHouse (ConnectionStrings:clickhouse,
    /// section Storage), the StorageWriter options, resilience pipelines, metrics, the consume loop,
    /// the periodic report, the published pipeline statistics and the "stop consumer" watcher.
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
        services.AddSingleton<UnavailableWait>();
        services.AddSingleton<RetentionRegistry>();
        services.AddHealthChecks().AddCheck<WriterReadiness>("storage-writer");
        // Hosted services stop in reverse order: the watcher leaves the group after the worker stored its batch.
        services.AddHostedService<StopRequestWatcher>();
        services.AddHostedService<StorageWriterWorker>();
        services.AddHostedService<CalendarWriter>();
        services.AddHostedService<InstrumentWriter>();
        services.AddHostedService<PeriodicReporter>();
        services.AddPipelineStats<WriterStatsSource>();
        return builder;
    }
}
