using ClickHouse.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using QuotePlatform.Configuration;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage;

public static class ClickHouseStorageExtensions
{
    /// <summary>
    /// One ClickHouse client for the process (from ConnectionStrings:{connectionName}), the storage
    /// options, the schema migrator, the bar reader and a readiness check.
    /// </summary>
    public static TBuilder AddClickHouseStorage<TBuilder>(this TBuilder builder, string connectionName = "clickhouse")
        where TBuilder : IHostApplicationBuilder
    {
        var key = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{key} is not set: give the ClickHouse address, e.g. http://127.0.0.1:8123 or Host=127.0.0.1;Port=8123");
        }

        var settings = ClickHouseSettings.Parse(connectionString);
        builder.Services.AddSingleton<IClickHouseClient>(_ => new ClickHouseClient(settings));
        builder.Services.AddValidatedOptions<StorageOptions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<BarReader>();
        builder.Services.AddSingleton<BarPanelReader>();
        builder.Services.AddSingleton<TradingCalendarStore>();
        builder.Services.AddSingleton<InstrumentStore>();
        builder.Services.AddHealthChecks().AddCheck<ClickHouseHealthCheck>("clickhouse");
        return builder;
    }
}
