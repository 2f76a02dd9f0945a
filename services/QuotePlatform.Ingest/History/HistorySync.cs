using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Sessions;
using Python.Runtime;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Reference;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// What the live QMT source keeps in step besides the ticks: the trading calendar and the sector's
/// instrument details with their dividend factors, sent at start and each morning from 08:30, and the trading days the ingest missed, imported after a start or a
/// reconnect (at most Ingest:Backfill:MaxDays, the latest). A day counts as complete once the
/// ingest saw it close or imported it; that mark lives beside the spool.
/// </summary>
public sealed partial class HistorySync(
    BatchSpool spool,
    IOptions<HistoryOptions> history,
    IOptions<IngestOptions> ingest,
    IOptions<QmtOptions> qmt,
    IOptions<SpoolOptions> spoolOptions,
    IOptions<RelayClientOptions> relay,
    TimeProvider time,
    ILogger<HistorySync> logger)
{
    private static readonly long MorningCalendar = BeijingTime.At(8, 30);
    private static readonly long DayComplete = BeijingTime.At(15, 5);
    private readonly Lock _gate = new();
    private DateOnly? _calendarSentFor;
    private Task _import = Task.CompletedTask;

    private string StatePath => Path.Combine(spoolOptions.Value.Directory, "history-state.json");

    /// <summary>The gap import started by the last connect (completed when none runs).</summary>
    public Task Import => _import;

    /// <summary>After each connect: the calendar (once a day) and the import of missed days, in the background.</summary>
    internal void OnConnected(XtDataModule xt, long marketNowUnixMs, CancellationToken cancellationToken)
    {
        var today = Date(marketNowUnixMs);
        SendCalendar(xt, today, cancellationToken);
        lock (_gate)
        {
            if (!_import.IsCompleted || history.Value.MaxDays == 0)
            {
                return;
            }

            var missed = MissedDays(xt, today);
            if (missed.Count == 0)
            {
                return;
            }

            LogImporting(missed.Count, Iso(missed[0]), Iso(missed[^1]));
            _import = Task.Run(() => ImportAsync(xt, missed, today, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Each link check: the morning calendar, and the mark of a day seen to its close.</summary>
    internal void Poll(XtDataModule xt, long marketNowUnixMs, CancellationToken cancellationToken)
    {
        var today = Date(marketNowUnixMs);
        var timeOfDay = BeijingTime.MillisecondOfDay(marketNowUnixMs);
        if (_calendarSentFor != today && timeOfDay >= MorningCalendar)
        {
            SendCalendar(xt, today, cancellationToken);
        }

        if (timeOfDay >= DayComplete && BeijingTime.IsWeekday(BeijingTime.DayNumber(marketNowUnixMs)) && LastCompleteDay() < today)
        {
            MarkComplete(today);
        }
    }

    private void SendCalendar(XtDataModule xt, DateOnly today, CancellationToken cancellationToken)
    {
        var from = today.AddDays(-history.Value.CalendarDaysBack);
        var dates = xt.TradingDates("SH", Compact(from), Compact(today.AddDays(366))).Select(HistoryImporter.ParseCompact).ToList();
        if (dates.Count == 0)
        {
            return;
        }

        // The calendar covers only what the terminal knows: from its first listed trading day to its
        // last (next year's end, or today when it lists no future days). Dates beyond stay a weekday guess.
        (from, var last) = (dates[0], dates[^1]);
        var request = new PublishRequest
        {
            ProducerId = relay.Value.ProducerId,
            CreatedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Calendars = { HistoryImporter.Calendar("SH", from, last, dates), HistoryImporter.Calendar("SZ", from, last, dates) },
        };
        spool.AppendAsync(request, ResumePoint.None, cancellationToken).AsTask().GetAwaiter().GetResult();
        _calendarSentFor = today;
        LogCalendarSent(Iso(from), Iso(last), dates.Count(d => d <= last));
        SendInstruments(xt, today, cancellationToken);
    }

    /// <summary>The sector's instrument details and dividend factors as of today; a failure is logged, the next morning tries again.</summary>
    private void SendInstruments(XtDataModule xt, DateOnly today, CancellationToken cancellationToken)
    {
        try
        {
            var codes = xt.StockList(qmt.Value.SectorList);
            var requests = InstrumentSnapshot.Read(xt, codes, xt.LastTradingDay("SH") ?? today, relay.Value.ProducerId, time.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var request in requests)
            {
                spool.AppendAsync(request, ResumePoint.None, cancellationToken).AsTask().GetAwaiter().GetResult();
            }

            LogInstrumentsSent(requests.Sum(r => r.Instruments.Count), requests.Sum(r => r.Instruments.Sum(i => i.DividendFactors.Count)), Iso(today));
            var disagreeing = InstrumentSnapshot.DisagreeingWithCodeRange(requests.SelectMany(r => r.Instruments));
            if (disagreeing.Count > 0)
            {
                LogRulesDisagree(disagreeing.Count, string.Join(", ", disagreeing.Take(10)));
            }
        }
        catch (PythonException ex)
        {
            LogInstrumentsFailed(ex);
        }
    }

    private List<DateOnly> MissedDays(XtDataModule xt, DateOnly today)
    {
        var yesterday = today.AddDays(-1);
        var after = LastCompleteDay() ?? DateOnly.MinValue;
        var from = today.AddDays(-history.Value.CalendarDaysBack);
        var days = xt.TradingDates("SH", Compact(from), Compact(yesterday)).Select(HistoryImporter.ParseCompact)
            .Where(d => d > after && d <= yesterday).ToList();
        return days.Count > history.Value.MaxDays ? days[^history.Value.MaxDays..] : days;
    }

    private async Task ImportAsync(XtDataModule xt, List<DateOnly> days, DateOnly today, CancellationToken cancellationToken)
    {
        try
        {
            var importer = new HistoryImporter(xt, spool, history.Value, ingest.Value.AuctionBar, relay.Value.ProducerId, time);
            var request = new HistoryRequest(days[0], days[^1], ingest.Value.ParsedPeriods(), [], null, Replace: false);
            var result = await importer.RunAsync(request, qmt.Value.SectorList, spoolOptions.Value.Directory, line => LogProgress(line), cancellationToken);
            MarkComplete(today.AddDays(-1));
            LogImported(result.TradingDays, result.Symbols, result.Bars);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The next connect tries again: the days are still not marked complete.
            LogImportFailed(ex);
        }
    }

    private DateOnly? LastCompleteDay()
    {
        if (!File.Exists(StatePath))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(StatePath));
        return state is not null && state.TryGetValue("lastCompleteDay", out var text)
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private void MarkComplete(DateOnly day)
    {
        lock (_gate)
        {
            if (LastCompleteDay() >= day)
            {
                return;
            }

            var temporary = StatePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new Dictionary<string, string> { ["lastCompleteDay"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
            File.Move(temporary, StatePath, overwrite: true);
        }
    }

    private static DateOnly Date(long unixMs) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)BeijingTime.DayNumber(unixMs));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Compact(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trading calendar sent: {From}..{Last}, {TradingDays} trading days")]
    private partial void LogCalendarSent(string from, string last, int tradingDays);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instrument details sent: {Instruments} instruments, {Factors} dividend factors, as of {TradingDate}")]
    private partial void LogInstrumentsSent(int instruments, int factors, string tradingDate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} instruments whose details (type, volume unit) disagree with their code's range, e.g. {Symbols}: the bar engine counts their volume by the code's range (Domain/Instruments/TradingRules.cs)")]
    private partial void LogRulesDisagree(int count, string symbols);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading instrument details from the terminal failed; sent again at the next start or morning")]
    private partial void LogInstrumentsFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Importing {Days} missed trading days from the terminal: {First}..{Last}")]
    private partial void LogImporting(int days, string first, string last);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Progress}")]
    private partial void LogProgress(string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Missed days imported: {Days} trading days, {Symbols} symbols, {Bars} bars spooled")]
    private partial void LogImported(int days, int symbols, long bars);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import of missed trading days failed; the next connect tries again")]
    private partial void LogImportFailed(Exception exception);
}
