using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Reference;
using QuotePlatform.Ingest.Sources.Qmt.Python;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// Imports trading days from the terminal: the calendar of the range and the symbols' details and dividend
/// factors first, then chunks of symbols
/// (download_history_data2, then get_market_data_ex 1m), each turned into final bars by
/// <see cref="ImportedBars"/> and appended to the spool, from where the publisher sends them to the
/// relay like live bars. A chunk is recorded as done once it is in the spool (see <see cref="ImportCheckpoint"/>).
/// </summary>
internal sealed class HistoryImporter(XtDataModule xt, BatchSpool spool, HistoryOptions options, AuctionBar layout, string producerId, TimeProvider time)
{
    private const int BarsPerDay = 241;

    /// <summary>Runs the import; <paramref name="progress"/> gets a line per chunk.</summary>
    public async Task<HistoryResult> RunAsync(HistoryRequest request, IReadOnlyList<string> sectors, string checkpointDirectory, Action<string> progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var first = request.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var last = request.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var tradingDays = xt.TradingDates("SH", first, last).Select(ParseCompact).ToList();
        await AppendAsync(new PublishRequest { Calendars = { Calendar("SH", request.From, request.To, tradingDays), Calendar("SZ", request.From, request.To, tradingDays) } },
            cancellationToken);
        var symbols = request.Symbols.Count > 0 ? [.. request.Symbols] : xt.StockList(sectors).Order(StringComparer.Ordinal).ToArray();
        if (request.Count is { } count)
        {
            symbols = symbols[..Math.Min(count, symbols.Length)];
        }

        // The symbols' details as the terminal knows them today, with every dividend event: adjusted history needs them.
        if (symbols.Length > 0 && xt.LastTradingDay("SH") is { } today)
        {
            foreach (var snapshot in InstrumentSnapshot.Read(xt, symbols, today, producerId, time.GetUtcNow().ToUnixTimeMilliseconds()))
            {
                await spool.AppendAsync(snapshot, ResumePoint.None, cancellationToken);
            }
        }

        var result = new HistoryResult(tradingDays.Count, symbols.Length);
        if (tradingDays.Count == 0 || symbols.Length == 0)
        {
            return result;
        }

        var perChunk = Math.Max(1, options.BarsPerChunk / (tradingDays.Count * BarsPerDay));
        var chunks = (symbols.Length + perChunk - 1) / perChunk;
        var checkpoint = ImportCheckpoint.Open(checkpointDirectory, request.Key);
        var bars = new ImportedBars(request.Periods, layout, request.Replace);
        var end = last + "150000";
        var pending = Enumerable.Range(0, chunks).Where(chunk => !checkpoint.IsDone(chunk)).ToList();
        result.ChunksSkipped = chunks - pending.Count;
        (string[] Codes, double[] Values) Fetch(int chunk)
        {
            var codes = symbols.Skip(chunk * perChunk).Take(perChunk).ToArray();
            xt.DownloadHistory(codes, "1m", first, end, progress: null);
            return xt.History(codes, "1m", first, end);
        }

        // The terminal is read (Python, under the GIL) for the next chunk while this one is converted and spooled.
        var next = pending.Count > 0 ? Task.Run(() => Fetch(pending[0]), cancellationToken) : Task.FromResult<(string[], double[])>(([], []));
        for (var i = 0; i < pending.Count; i++)
        {
            var (rowCodes, values) = await next;
            if (i + 1 < pending.Count)
            {
                var following = pending[i + 1];
                next = Task.Run(() => Fetch(following), cancellationToken);
            }

            var converted = bars.Convert(rowCodes, values);
            foreach (var batch in converted.Chunk(options.BatchBars))
            {
                await AppendAsync(new PublishRequest { Bars = { batch } }, cancellationToken);
            }

            checkpoint.MarkDone(pending[i]);
            result.Bars += converted.Count;
            var elapsed = time.GetElapsedTime(started).TotalSeconds;
            var rate = result.Bars / Math.Max(elapsed, 0.001);
            var done = result.ChunksSkipped + i + 1;
            progress(string.Create(CultureInfo.InvariantCulture,
                $"history: {tradingDays.Count} days, symbols {Math.Min(done * perChunk, symbols.Length)}/{symbols.Length}, " +
                $"bars {result.Bars:N0} ({rate:N0}/s), ETA {TimeSpan.FromSeconds(elapsed / (i + 1) * (pending.Count - i - 1)):hh\\:mm\\:ss}"));
        }

        foreach (var (period, counted) in bars.Counts)
        {
            result.ByPeriod[period] = counted;
        }

        result.Unusable = bars.Unusable;
        return result;
    }

    private async Task AppendAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        request.ProducerId = producerId;
        request.CreatedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await spool.AppendAsync(request, ResumePoint.None, cancellationToken);
    }

    public static TradingCalendar Calendar(string market, DateOnly from, DateOnly to, IEnumerable<DateOnly> tradingDays)
    {
        var calendar = new TradingCalendar
        {
            Market = market,
            FirstDate = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            LastDate = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        calendar.TradingDates.AddRange(tradingDays.Where(d => d >= from && d <= to).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return calendar;
    }

    public static DateOnly ParseCompact(string yyyymmdd) => DateOnly.ParseExact(yyyymmdd[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
}
