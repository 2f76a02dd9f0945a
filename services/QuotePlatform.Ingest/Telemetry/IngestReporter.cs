using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Configuration;

namespace QuotePlatform.Ingest.Telemetry;

/// <summary>Every Ingest:ReportInterval, one log line with the ingest's numbers (also at the end of a replay).</summary>
public sealed partial class IngestReporter(IngestMetrics metrics, IOptions<IngestOptions> options, TimeProvider time, ILogger<IngestReporter> logger)
    : BackgroundService
{
    private (long Pushes, long Ticks, TimeSpan At) _previous;

    public void Report()
    {
        lock (this)
        {
            var now = (Pushes: metrics.Pushes, Ticks: metrics.Ticks, At: metrics.Runtime);
            var seconds = Math.Max((now.At - _previous.At).TotalSeconds, 0.001);
            var rejections = metrics.TickVerdictCounts()
                .Where(v => !v.Verdict.IsAccepted() && v.Count > 0)
                .Select(v => $"{v.Verdict.ToCode()} {v.Count}")
                .Concat(metrics.Rejections.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))
                .ToList();
            LogReport(
                now.At.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
                now.Pushes, (now.Pushes - _previous.Pushes) / seconds, metrics.PushesDropped,
                now.Ticks, (now.Ticks - _previous.Ticks) / seconds,
                metrics.FinalBars, metrics.FormingBars, metrics.AcceptedBars, metrics.AckedBatches, metrics.DuplicateBatches,
                metrics.SuccessRatio * 100,
                rejections.Count == 0 ? "none" : string.Join(", ", rejections),
                metrics.Batches, metrics.AverageBatchItems,
                metrics.SpoolBatches(), metrics.SpoolBytes(), metrics.SpoolBackPressure(),
                metrics.Reconnects, metrics.FailedAnswers,
                metrics.Symbols(), metrics.SymbolsWithMissingMinutes());
            _previous = now;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Report();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "runtime {Runtime} | callbacks {Pushes} ({PushesPerSecond:F1}/s, {PushesDropped} dropped: queue full) | ticks {Ticks} ({TicksPerSecond:F0}/s) | " +
        "bars published {FinalBars} final + {FormingBars} forming, {AcceptedBars} accepted by the relay in {AckedBatches} acked batches ({DuplicateBatches} duplicate) | " +
        "success {SuccessPercent:F2}% | rejections: {Rejections} | batches {Batches} (avg {AverageItems:F0} items) | " +
        "spool {SpoolBatches} batches {SpoolBytes} bytes, back-pressure {BackPressure} | reconnects {Reconnects}, FAILED answers {FailedAnswers} | " +
        "symbols {Symbols} | integrity: {MissingMinutes} symbols with missing minutes")]
    private partial void LogReport(
        string runtime, long pushes, double pushesPerSecond, long pushesDropped, long ticks, double ticksPerSecond,
        long finalBars, long formingBars, long acceptedBars, long ackedBatches, long duplicateBatches, double successPercent, string rejections,
        long batches, double averageItems, int spoolBatches, long spoolBytes, long backPressure, long reconnects, long failedAnswers,
        int symbols, int missingMinutes);
}
