using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.StorageWriter.Consuming;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Telemetry;

/// <summary>Every ReportInterval: one log line with the writer's numbers, and the backlog gauges refreshed.</summary>
public sealed partial class PeriodicReporter(
    ConsumerGroupReader reader,
    WriterMetrics metrics,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<PeriodicReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, time);
        var previous = (Consumed: 0L, Inserted: 0L, At: metrics.Runtime);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    metrics.Backlog = await reader.BacklogAsync(stoppingToken);
                }
                catch (RedisException ex)
                {
                    LogBacklogUnavailable(ex);
                }

                var now = (Consumed: metrics.Consumed, Inserted: metrics.Inserted, At: metrics.Runtime);
                var seconds = Math.Max((now.At - previous.At).TotalSeconds, 0.001);
                var backlog = metrics.Backlog;
                LogReport(
                    now.At.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
                    now.Consumed, (now.Consumed - previous.Consumed) / seconds,
                    now.Inserted, (now.Inserted - previous.Inserted) / seconds,
                    metrics.SuccessRatio * 100, metrics.InsertErrors, metrics.QualityErrors, metrics.DeadLettered,
                    backlog.Pending, string.Join(' ', backlog.Shards.Select(s => s.Lag.ToString(CultureInfo.InvariantCulture))),
                    metrics.Symbols, metrics.LastInsert?.ToString("O", CultureInfo.InvariantCulture) ?? "never");
                previous = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "runtime {Runtime} | consumed {Consumed} ({ConsumedPerSecond:F1}/s) | inserted {Inserted} ({InsertedPerSecond:F1}/s) | " +
        "success {SuccessPercent:F2}% | insert errors {InsertErrors} | quality errors {QualityErrors} | dead-lettered {DeadLettered} | " +
        "pending {Pending} | lag per shard [{LagPerShard}] | symbols {Symbols} | last insert {LastInsert}")]
    private partial void LogReport(
        string runtime, long consumed, double consumedPerSecond, long inserted, double insertedPerSecond, double successPercent,
        long insertErrors, long qualityErrors, long deadLettered, long pending, string lagPerShard, int symbols, string lastInsert);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the consumer group backlog")]
    private partial void LogBacklogUnavailable(Exception exception);
}
