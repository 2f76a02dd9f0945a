using Microsoft.Extensions.Options;
using QuotePlatform.Relay.Options;

namespace QuotePlatform.Relay.Telemetry;

/// <summary>Writes throughput, rejections and Redis latency to the log every Relay:ReportInterval.</summary>
public sealed class RelayReportService(RelayMetrics metrics, IOptions<RelayOptions> options, TimeProvider time, ILogger<RelayReportService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReportInterval;
        using var timer = new PeriodicTimer(interval, time);
        var last = time.GetTimestamp();
        while (await WaitAsync(timer, stoppingToken))
        {
            var report = metrics.TakeReport();
            var seconds = time.GetElapsedTime(last).TotalSeconds;
            last = time.GetTimestamp();
            if (report.Batches == 0)
            {
                continue;
            }

            RelayLog.Report(logger, seconds, report.Batches / seconds, report.Bars / seconds, report.Quotes / seconds,
                report.Rejected, report.FailedBatches, report.RedisAverage.TotalMilliseconds, report.RedisMax.TotalMilliseconds);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
