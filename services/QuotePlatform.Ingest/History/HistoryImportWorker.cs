using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Ingest.Telemetry;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// The `backfill` verb: imports the requested days from the terminal, waits until the relay has
/// answered every batch, prints the report (bars per period, refused and why) and stops the process.
/// Progress goes to stderr, the report to stdout.
/// </summary>
public sealed partial class HistoryImportWorker(
    HistoryRequest request,
    PythonRuntime runtime,
    BatchSpool spool,
    IngestMetrics metrics,
    IOptions<QmtOptions> qmt,
    IOptions<IngestOptions> ingest,
    IOptions<HistoryOptions> history,
    IOptions<SpoolOptions> spoolOptions,
    IOptions<RelayClientOptions> relay,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<HistoryImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.SpoolBytes = () => spool.UnackedBytes;
        metrics.SpoolBatches = () => spool.UnackedBatches;
        metrics.SpoolBackPressure = () => spool.BackPressureWaits;
        var started = time.GetTimestamp();
        try
        {
            runtime.EnsureStarted();
            HistoryResult result;
            using (var xt = await Task.Run(() => new XtDataModule(qmt.Value.ModuleName), stoppingToken))
            {
                LogConnected(await Task.Run(xt.Connect, stoppingToken));
                var importer = new HistoryImporter(xt, spool, history.Value, ingest.Value.AuctionBar, relay.Value.ProducerId, time);
                result = await Task.Run(
                    () => importer.RunAsync(request, qmt.Value.SectorList, spoolOptions.Value.Directory, line => Console.Error.WriteLine(line), stoppingToken),
                    stoppingToken);
            }

            LogDraining(spool.UnackedBatches);
            await spool.WaitDrainedAsync(stoppingToken);
            await Console.Out.WriteAsync(Report(result, time.GetElapsedTime(started)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogFailed(ex);
            Environment.ExitCode = 1;
        }

        lifetime.StopApplication();
    }

    private string Report(HistoryResult result, TimeSpan elapsed)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"history import {request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd}: {result.TradingDays} trading days, {result.Symbols} symbols" +
            $"{(result.ChunksSkipped > 0 ? $", {result.ChunksSkipped} chunks already imported by an earlier run" : "")}\n");
        var rejections = metrics.Rejections;
        long refused = 0;
        foreach (var period in BarPeriods.All.Where(request.Periods.Contains))
        {
            var count = rejections.GetValueOrDefault(RetentionLimits.CountKey(RetentionLimits.BeyondRetention, period));
            refused += count;
            text.Append(CultureInfo.InvariantCulture,
                $"  {period.ToLabel(),-3} {result.ByPeriod.GetValueOrDefault(period),12:N0} sent, {count:N0} refused for retention\n");
        }

        var other = rejections.Where(r => !r.Key.StartsWith(RetentionLimits.BeyondRetention, StringComparison.Ordinal)).ToList();
        refused += other.Sum(r => r.Value);
        text.Append(CultureInfo.InvariantCulture,
            $"  refused: {(rejections.Count == 0 ? "none" : string.Join(", ", rejections.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value:N0}")))}" +
            $"{(result.Unusable > 0 ? $"; {result.Unusable:N0} terminal rows unusable (no price or negative volume)" : "")}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"history import: {result.Bars:N0} bars sent, {metrics.AcceptedBars:N0} accepted by the relay, {refused:N0} refused, {elapsed.TotalSeconds:F1} s\n");
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History import connected to the terminal: {Server}")]
    private partial void LogConnected(string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "History import read; waiting for the relay to answer {Batches} batches")]
    private partial void LogDraining(int batches);

    [LoggerMessage(Level = LogLevel.Error, Message = "History import failed")]
    private partial void LogFailed(Exception exception);
}
