using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>
/// Once a day, after the close: the ingest's own 1m bars (<see cref="MinuteBook"/>) against QMT's
/// get_market_data_ex 1m history, fetched and flattened by the bridge in chunks of symbols, reported
/// per field in the log and as metrics. Polled by the QMT source's link watch with the market's time
/// (the simulator's clock, or now); it waits <see cref="QmtOptions.CompareDelay"/> after the close
/// and for the engine to have closed the minute before the close (a live engine closes 15:00 itself;
/// one closing by the data's clock only with a later tick), then compares through the last minute the
/// engine closed. If the engine has not got that far after ten delays, it compares the whole day.
/// </summary>
public sealed class AfterCloseComparison(
    MinuteBook book,
    ComparisonMetrics metrics,
    IOptions<QmtOptions> options,
    IOptions<IngestOptions> ingest,
    TimeProvider clock,
    ILogger<AfterCloseComparison> logger)
{
    private long _doneDay = long.MinValue;
    private long _closeSeenDay = long.MinValue;
    private long _closeSeenAt;

    /// <summary>The latest comparison, null before the first.</summary>
    public ComparisonReport? LastReport { get; private set; }

    /// <summary>Called from the link watch with the market's time: compares when the day is due.</summary>
    internal void Poll(XtDataModule xt, long marketUnixMs)
    {
        var settings = options.Value;
        var day = BeijingTime.DayNumber(marketUnixMs);
        if (!settings.CompareAfterClose || day == _doneDay || BeijingTime.MillisecondOfDay(marketUnixMs) < TradingSession.Close)
        {
            return;
        }

        if (_closeSeenDay != day)
        {
            _closeSeenDay = day;
            _closeSeenAt = clock.GetTimestamp();
            ComparisonLog.Waiting(logger, DayText(day), settings.CompareDelay);
            return;
        }

        var waited = clock.GetElapsedTime(_closeSeenAt);
        var beforeClose = TradingSession.SlotEndUnixMs(day, TradingSession.LastSlot - 1);
        var frontier = book.FrontierUnixMs;
        if (waited < settings.CompareDelay || (frontier < beforeClose && waited < settings.CompareDelay * 10))
        {
            return;
        }

        _doneDay = day;
        var lastSlot = frontier >= beforeClose && BeijingTime.DayNumber(frontier) == day
            ? TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(frontier))
            : TradingSession.LastSlot;
        try
        {
            var report = Compare(xt, day, lastSlot);
            LastReport = report;
            metrics.Publish(report);
            Log(report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ComparisonLog.Failed(logger, DayText(day), ex);
        }
    }

    private ComparisonReport Compare(XtDataModule xt, long day, int lastSlot)
    {
        var settings = options.Value;
        var started = clock.GetTimestamp();
        var first = book.FirstUnixMs;
        var fromSlot = first != long.MaxValue && BeijingTime.DayNumber(first) == day ? TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(first)) : 0;
        var comparer = new MinuteBarComparer(day, ingest.Value.AuctionBar, lastSlot,
            new ComparisonTolerance(settings.CompareAbsoluteTolerance, settings.CompareRelativeTolerance), fromSlot);
        var codes = xt.StockList(settings.SectorList).Union(book.Symbols(day), StringComparer.Ordinal).ToArray();
        var date = BeijingTime.ToDateTimeOffset(BeijingTime.DayStartUnixMs(day)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var chunk in codes.Chunk(settings.CompareChunkSymbols))
        {
            var (qmtCodes, values) = xt.MinuteHistory(chunk, date, date + "150000");
            comparer.Add(qmtCodes, values, book.Snapshot(day, chunk));
        }

        var report = comparer.Complete(settings.CompareWorstSymbols);
        report.Elapsed = clock.GetElapsedTime(started);
        return report;
    }

    private void Log(ComparisonReport report)
    {
        var (day, from, through) = (DayText(report.DayNumber), Minute(report.FromUnixMs), Minute(report.ThroughUnixMs));
        var elapsed = (long)report.Elapsed.TotalMilliseconds;
        if (report.QmtBarsBeforeIngestStart > 0)
        {
            ComparisonLog.StartedLate(logger, day, from, report.QmtBarsBeforeIngestStart);
        }

        if (report.Clean)
        {
            ComparisonLog.Clean(logger, day, from, through, report.Symbols, report.BarsCompared, elapsed);
            return;
        }

        ComparisonLog.Differences(logger, day, from, through, report.Symbols, report.BarsCompared, report.BarsDiffering,
            report.MissingInIngest, report.MissingInQmt, report.SymbolsDiffering, elapsed);
        foreach (var field in report.Fields)
        {
            ComparisonLog.Field(logger, field.Field.ToString().ToLowerInvariant(), field.BarsDiffering, field.MaxAbsolute, field.MaxRelative);
        }

        foreach (var symbol in report.WorstSymbols)
        {
            ComparisonLog.Worst(logger, symbol.Symbol, symbol.BarsDiffering, symbol.MissingInIngest, symbol.MissingInQmt,
                symbol.WorstField.ToString().ToLowerInvariant(), Minute(symbol.WorstFrameUnixMs), symbol.WorstRelative);
        }
    }

    private static string DayText(long day) =>
        BeijingTime.ToDateTimeOffset(BeijingTime.DayStartUnixMs(day)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Minute(long unixMs) => BeijingTime.ToDateTimeOffset(unixMs).ToString("HH:mm", CultureInfo.InvariantCulture);
}
