using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuotePlatform.StorageWriter.Telemetry;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Support;

/// <summary>A storage writer running in-process with the service's own registration, as one consumer.</summary>
public sealed class WriterHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private WriterHost(IHost host) => _host = host;

    public WriterMetrics Metrics => _host.Services.GetRequiredService<WriterMetrics>();

    public static WriterHost Start(WriterTestContext context, string consumer, string clickHouseUrl, IDictionary<string, string?>? settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["ConnectionStrings:clickhouse"] = clickHouseUrl,
            ["Streams:KeyPrefix"] = context.Prefix,
            ["Streams:ShardCount"] = WriterTestContext.ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["StorageWriter:ConsumerName"] = consumer,
            ["StorageWriter:MaxBatchAge"] = "00:00:00.050",
            ["StorageWriter:ReportInterval"] = "00:00:01",
            ["StorageWriter:UnavailableRetryDelay"] = "00:00:00.200",
            ["StorageWriter:CircuitBreakDuration"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (Environment.GetEnvironmentVariable("QP_TEST_LOGS") is "1")
        {
            builder.Logging.AddSimpleConsole();
        }

        builder.AddStorageWriter();
        var host = builder.Build();
        host.Start();
        return new WriterHost(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
