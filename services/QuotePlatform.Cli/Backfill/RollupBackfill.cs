using System.Globalization;
using ClickHouse.Driver;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Calendar;

namespace QuotePlatform.Cli.Backfill;

/// <summary>
/// Re-derives missing 5m/15m/30m/60m/1d bars from the stored 1m bars with the domain's
/// <see cref="RollupAggregator"/> (the rules the live engine uses) and lists the 1m gaps, which only
/// the ingest's QMT history download can fill. A roll-up bar the pipeline stored is never touched;
/// derived bars carry <see cref="DerivedVersion"/>, below any stream entry's version, so a bar the
/// pipeline delivers later replaces them, and a later backfill (after the 1m gaps are filled)
/// re-derives them in place.
/// </summary>
internal sealed class RollupBackfill(IClickHouseClient client, TextWriter progress, TimeProvider time)
{
    public const ulong DerivedVersion = 1;

    private const int InsertChunk = 50_000;

    // One read per symbol costs a round trip and a FINAL scan each (~55 ms here); 100 symbols of a
    // day are 24,000 rows, a modest answer.
    private const int SymbolsPerRead = 100;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public async Task<BackfillSummary> RunAsync(BackfillSettings settings, CancellationToken cancellationToken)
    {
        var from = TradingDates.DayStartUnixMs(settings.From);
        var to = TradingDates.DayStartUnixMs(settings.To.AddDays(1));
        var symbols = settings.Symbols.Count > 0 ? [.. settings.Symbols] : await StoredBars.SymbolsWithMinutesAsync(client, from, to, cancellationToken);
        var stored = await StoredBars.RollupVersionsAsync(client, symbols, from, to, cancellationToken);
        var expected = new ExpectedMinutes(settings.Layout);
        var calendars = await ExchangeCalendars.ReadAsync(
            new TradingCalendarStore(client), symbols.Select(ExchangeCalendars.ExchangeOf), settings.From, settings.To, cancellationToken);
        var daysOf = new Dictionary<TradingDayCalendar, List<long>>();
        var reader = new BarReader(client);
        var summary = new BackfillSummary { Symbols = symbols.Count };
        var pending = new List<BarRow>();
        var lastProgress = time.GetTimestamp();

        var done = 0;
        foreach (var chunk in symbols.Chunk(SymbolsPerRead))
        {
            var rows = await reader.ReadManyAsync(chunk, BarPeriod.OneMinute, from, to, limit: 0, cancellationToken);
            var bySymbol = rows.GroupBy(r => r.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var symbol in chunk)
            {
                var minutes = bySymbol.GetValueOrDefault(symbol) ?? [];
                summary.MinuteBars += minutes.Count;
                Derive(symbol, minutes, expected, stored, summary, pending);
                var calendar = calendars.Of(symbol);
                if (!daysOf.TryGetValue(calendar, out var days))
                {
                    daysOf[calendar] = days = TradingDays(calendar, settings.From, settings.To, summary);
                }

                FindGaps(symbol, minutes, days, expected, summary);
            }

            if (pending.Count >= InsertChunk)
            {
                await WriteAsync(pending, settings.DryRun, cancellationToken);
            }

            done += chunk.Length;
            if (time.GetElapsedTime(lastProgress) >= ProgressInterval || done == symbols.Count)
            {
                lastProgress = time.GetTimestamp();
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"backfill: {done}/{symbols.Count} symbols, {summary.MinuteBars} 1m bars read"));
            }
        }

        await WriteAsync(pending, settings.DryRun, cancellationToken);
        return summary;
    }

    private static void Derive(
        string symbol,
        IReadOnlyList<BarRow> minutes,
        ExpectedMinutes expected,
        Dictionary<(string, byte, long), ulong> stored,
        BackfillSummary summary,
        List<BarRow> pending)
    {
        var collector = new RollupCollector();
        var aggregator = new RollupAggregator(collector);
        var present = new Dictionary<(BarPeriod, long), int>();
        long? day = null;
        foreach (var row in minutes)
        {
            var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(row.FrameUnixMs));
            if (slot < 0)
            {
                continue;
            }

            var rowDay = BeijingTime.DayNumber(row.FrameUnixMs);
            if (day is { } open && open != rowDay)
            {
                aggregator.OnDayClosed(BeijingTime.DayStartUnixMs(open));
            }

            day = rowDay;
            aggregator.OnBar(new Bar(
                row.Symbol, BarPeriod.OneMinute, row.FrameUnixMs, row.Open, row.High, row.Low, row.Close, row.VolumeShares, row.AmountCny,
                Final: true, (BarQuality)row.QualityFlags));
            foreach (var period in BarPeriods.All.Where(p => p != BarPeriod.OneMinute))
            {
                var key = (period, WindowFrame(rowDay, slot, period));
                present[key] = present.GetValueOrDefault(key) + 1;
            }
        }

        if (day is { } last)
        {
            aggregator.OnDayClosed(BeijingTime.DayStartUnixMs(last));
        }

        foreach (var bar in collector.Bars)
        {
            if (stored.TryGetValue((symbol, (byte)bar.Period, bar.FrameUnixMs), out var version) && version != DerivedVersion)
            {
                summary.AlreadyStored++;
                continue;
            }

            var want = bar.Period == BarPeriod.OneDay
                ? expected.Slots.Count
                : expected.InWindow(bar.Period, TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(bar.FrameUnixMs)));
            var quality = bar.Quality;
            if (present.GetValueOrDefault((bar.Period, bar.FrameUnixMs)) < want)
            {
                quality |= BarQuality.Partial;
                summary.Partial++;
            }

            pending.Add(new BarRow(
                symbol, (byte)bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares,
                Math.Round(bar.AmountCny, 2), (uint)quality, DerivedVersion));
            summary.Written[bar.Period] = summary.Written.GetValueOrDefault(bar.Period) + 1;
        }
    }

    private static void FindGaps(string symbol, IReadOnlyList<BarRow> minutes, IReadOnlyList<long> days, ExpectedMinutes expected, BackfillSummary summary)
    {
        var frames = minutes.Select(m => m.FrameUnixMs).ToHashSet();
        foreach (var day in days)
        {
            var missing = expected.Slots.Select(slot => TradingSession.SlotEndUnixMs(day, slot)).Where(frame => !frames.Contains(frame)).ToList();
            var date = TradingDates.FromDayNumber(day);
            if (missing.Count == expected.Slots.Count)
            {
                if (!summary.EmptyDays.TryGetValue(symbol, out var empty))
                {
                    summary.EmptyDays[symbol] = empty = [];
                }

                empty.Add(date);
                continue;
            }

            // Runs of consecutive expected slots; the lunch break does not split a run (11:30 then 13:01 are neighbours).
            var start = 0;
            for (var i = 1; i <= missing.Count; i++)
            {
                if (i == missing.Count || !Consecutive(missing[i - 1], missing[i]))
                {
                    summary.Gaps.Add(new MinuteGap(symbol, date, missing[start], missing[i - 1], i - start));
                    start = i;
                }
            }
        }
    }

    private static bool Consecutive(long previousFrame, long frame) =>
        TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(frame)) == TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(previousFrame)) + 1;

    private static long WindowFrame(long day, int slot, BarPeriod period) => period == BarPeriod.OneDay
        ? BeijingTime.DayStartUnixMs(day)
        : TradingSession.SlotEndUnixMs(day, TradingSession.WindowEndSlot(slot, period));

    /// <summary>
    /// The trading days of [from, to] by the calendar; a weekday the stored calendar closes (a holiday)
    /// is no day of gaps. Notes in the summary which days were closed and which only assumed open.
    /// </summary>
    private static List<long> TradingDays(TradingDayCalendar calendar, DateOnly from, DateOnly to, BackfillSummary summary)
    {
        var days = new List<long>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (calendar.IsTradingDay(date))
            {
                days.Add(TradingDates.DayNumber(date));
                if (!calendar.IsKnown(date))
                {
                    summary.AssumedDays.Add(date);
                }
            }
            else if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                summary.ClosedWeekdays.Add(date);
            }
        }

        return days;
    }

    private async Task WriteAsync(List<BarRow> rows, bool dryRun, CancellationToken cancellationToken)
    {
        if (rows.Count > 0 && !dryRun)
        {
            await client.InsertBarsAsync(rows, cancellationToken);
        }

        rows.Clear();
    }
}
