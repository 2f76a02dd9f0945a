using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using QuotePlatform.ContractMapping;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Streams;
using QuotePlatform.Storage.Bars;
using StackExchange.Redis;

namespace QuotePlatform.Query.Bars.CurrentDay;

/// <summary>
/// Answers GetBars of a range within the current trading day from memory, fed by the final bar
/// streams, so a feed that stores a whole-market minute every few seconds costs reads nothing (the day
/// cache of closed days would see every symbol change each minute). The current day is the newest
/// Beijing day whose bars the streams carry (not after tomorrow's by the clock): today while the
/// market trades, the last trading day over a weekend, the replayed day of a replay; today when the
/// streams are empty. Bars of older days are left to ClickHouse and the day cache.
/// <para>
/// Memory holds what the storage writer stores, by its rules: a bar the writer's check refuses is
/// not held, a bar's version is the writer's (<see cref="EntryVersion"/>), and per (symbol, period,
/// frame) the highest version wins, as the table's ReplacingMergeTree(version) and so a FINAL read
/// decide. Loading a day reads the streams first, up to their end, and then ClickHouse: an entry the
/// streams no longer hold was trimmed, which only happens once every consumer group (the writer's
/// too) acknowledged it, so it was stored before ClickHouse is read. Reading then goes on from where
/// the streams were read; a stream trimmed past that point while ClickHouse was read (more than
/// the trimming's whole length in a second) is noticed and the day loaded again.
/// </para>
/// A bar read from a stream is answered before the writer stores it, so an answer is the FINAL read
/// of a moment later. An entry that does not decode is skipped here as the writer dead-letters it.
/// Memory is bounded by Query:CurrentDay:MaxBars; past it the day is let go, counted and logged, and
/// read from ClickHouse until a newer day begins.
/// </summary>
internal sealed partial class CurrentDayBars : BackgroundService
{
    private const int ReadCount = 500;
    private const long NoDay = long.MinValue;

    private readonly IConnectionMultiplexer _redis;
    private readonly string[] _streams;
    private readonly BarReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger<CurrentDayBars> _logger;
    private readonly CurrentDayOptions _options;
    private volatile HeldDay? _held;
    private long _hits;
    private long _misses;
    private long _overflows;

    public CurrentDayBars(
        IConnectionMultiplexer redis, StreamKeys keys, ShardRouter router, BarReader reader, IOptions<CurrentDayOptions> options,
        IMeterFactory meterFactory, TimeProvider time, ILogger<CurrentDayBars> logger)
    {
        _redis = redis;
        _streams = [.. Enumerable.Range(0, router.ShardCount).Select(keys.Bars)];
        _reader = reader;
        _time = time;
        _logger = logger;
        _options = options.Value;
        var meter = meterFactory.Create(Telemetry.QueryMetrics.MeterName);
        meter.CreateObservableGauge("quoteplatform.query.current_day.bars", () => Bars, "{bar}", "Bars of the current day held in memory (at most Query:CurrentDay:MaxBars)");
        meter.CreateObservableGauge("quoteplatform.query.current_day.size", () => Bytes, "By", "Estimated memory of the current day's bars held");
        meter.CreateObservableCounter("quoteplatform.query.current_day.hits", () => Hits, "{request}", "GetBars of the current day answered from memory");
        meter.CreateObservableCounter("quoteplatform.query.current_day.misses", () => Misses, "{request}", "GetBars of the current day answered from ClickHouse: a symbol without bars that day, or a day let go");
        meter.CreateObservableCounter("quoteplatform.query.current_day.overflows", () => Overflows, "{day}", "Days let go because they outgrew Query:CurrentDay:MaxBars");
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Days let go because they outgrew the bound.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    public long Bars => _held?.Bars ?? 0;

    public long Bytes => Bars * CurrentDaySeries.BytesPerBar;

    /// <summary>The bars of one symbol as the FINAL read answers, or null when memory cannot say.</summary>
    public IReadOnlyList<BarRow>? TryRead(string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, int limit)
    {
        var held = _held;
        if (held is null || BeijingTime.DayNumber(fromUnixMs) != held.Day || BeijingTime.DayNumber(toUnixMs - 1) != held.Day)
        {
            return null;
        }

        // A symbol without bars that day is asked of ClickHouse: it may be unknown (NOT_FOUND). So is
        // every symbol of a day let go.
        if (!held.Series.TryGetValue((period, symbol), out var series))
        {
            Interlocked.Increment(ref _misses);
            return null;
        }

        Interlocked.Increment(ref _hits);
        return series.Read(fromUnixMs, toUnixMs, limit);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HoldCurrentDayAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _held = null;
                LogFailed(ex);
                await Task.Delay(_options.RetryDelay, _time, stoppingToken);
            }
        }
    }

    /// <summary>Loads the current day and follows the streams until a newer day begins.</summary>
    private async Task HoldCurrentDayAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        // Every entry after the last one Redis deleted: the whole stream as it is now.
        var cursors = await LastDeletedAsync();
        var held = new HeldDay(NoDay);
        while (await ReadStreamsAsync(held, cursors) > 0)
        {
        }

        if (held.Day == NoDay)
        {
            held.MoveTo(Today());
        }

        await foreach (var row in _reader.ReadAllAsync(BeijingTime.DayStartUnixMs(held.Day), BeijingTime.DayStartUnixMs(held.Day + 1), cancellationToken))
        {
            held.Apply(row);
        }

        if (await TrimmedPastAsync(cursors))
        {
            LogTrimmedWhileLoading();
            return;
        }

        held.Loaded = true;
        _held = held;
        LogLoaded(DateOf(held.Day), held.Bars, _time.GetElapsedTime(started).TotalMilliseconds);
        while (!held.Superseded)
        {
            if (held.Bars is var bars && bars > _options.MaxBars)
            {
                held.LetGo();
                Interlocked.Increment(ref _overflows);
                LogOverflow(DateOf(held.Day), bars, _options.MaxBars);
            }

            if (await ReadStreamsAsync(held, cursors) == 0)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken);
            }
        }

        _held = null;
    }

    /// <summary>Reads every stream once after its cursor (moved on), applies the current day's bars; the entries read.</summary>
    private async Task<int> ReadStreamsAsync(HeldDay held, RedisValue[] cursors)
    {
        var db = _redis.GetDatabase();
        var replies = await Task.WhenAll(_streams.Select((stream, i) => db.StreamReadAsync(stream, cursors[i], ReadCount)));
        var read = 0;
        for (var i = 0; i < replies.Length; i++)
        {
            foreach (var entry in replies[i])
            {
                read++;
                cursors[i] = entry.Id;
                Apply(held, _streams[i], entry);
            }
        }

        return read;
    }

    private void Apply(HeldDay held, string stream, StreamEntry entry)
    {
        BarStreamEntry decoded;
        try
        {
            decoded = BarStreamEntry.Parse(entry);
        }
        catch (FormatException ex)
        {
            LogBadEntry(stream, (string)entry.Id!, ex);
            return;
        }

        var version = EntryVersion.Of((string)entry.Id!);
        var latestDay = Today() + 1;
        foreach (var bar in decoded.Batch.Bars)
        {
            var day = BeijingTime.DayNumber(bar.FrameUnixMs);
            if (day < held.Day || day > latestDay || bar.Validate() is not null)
            {
                continue;
            }

            if (day > held.Day && !held.MoveTo(day))
            {
                return;
            }

            held.Apply(BarRow.Of(bar.ToDomain(), version));
        }
    }

    /// <summary>Whether a stream lost an entry after its cursor before it was read.</summary>
    private async Task<bool> TrimmedPastAsync(RedisValue[] cursors)
    {
        var deleted = await LastDeletedAsync();
        return cursors.Where((cursor, i) => EntryVersion.Of((string)deleted[i]!) > EntryVersion.Of((string)cursor!)).Any();
    }

    /// <summary>Per stream, the highest id Redis deleted from it (trimming records it), "0-0" when none.</summary>
    private async Task<RedisValue[]> LastDeletedAsync()
    {
        var db = _redis.GetDatabase();
        var deleted = new RedisValue[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            deleted[i] = await db.KeyExistsAsync(_streams[i]) ? (await db.StreamInfoAsync(_streams[i])).MaxDeletedEntryId : "0-0";
        }

        return deleted;
    }

    private long Today() => BeijingTime.DayNumber(_time.GetUtcNow().ToUnixTimeMilliseconds());

    [LoggerMessage(Level = LogLevel.Information, Message = "Current day {Date} held in memory: {Bars} bars, loaded in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string date, long bars, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Current day {Date} outgrew Query:CurrentDay:MaxBars ({Bars} > {MaxBars}): let go; its GetBars read ClickHouse until a newer day begins")]
    private partial void LogOverflow(string date, long bars, int maxBars);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A bar stream was trimmed past what had been read while the current day was loaded; loading again")]
    private partial void LogTrimmedWhileLoading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Current day: skipped entry {Id} of {Stream}, which does not decode (the storage writer dead-letters it)")]
    private partial void LogBadEntry(string stream, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Current day: reading Redis or ClickHouse failed; its GetBars read ClickHouse until it is loaded again")]
    private partial void LogFailed(Exception error);

    private static string DateOf(long day) => BeijingTime.Format(BeijingTime.DayStartUnixMs(day))[..10];

    /// <summary>The bars of one day, per (period, symbol).</summary>
    private sealed class HeldDay(long day)
    {
        private long _bars;

        public long Day { get; private set; } = day;

        /// <summary>Published to readers: a newer day no longer moves it, it is superseded.</summary>
        public bool Loaded { get; set; }

        /// <summary>A newer day's bars arrived after it was loaded: load that day.</summary>
        public bool Superseded { get; private set; }

        public ConcurrentDictionary<(BarPeriod Period, string Symbol), CurrentDaySeries> Series { get; } = new();

        public long Bars => Interlocked.Read(ref _bars);

        /// <summary>Past the bound: holds nothing of this day, and its reads go to ClickHouse.</summary>
        public bool IsLetGo { get; private set; }


        /// <summary>While loading, a newer day replaces what was read; once loaded, it supersedes this one (false).</summary>
        public bool MoveTo(long newer)
        {
            if (Loaded)
            {
                Superseded = true;
                return false;
            }

            Day = newer;
            Series.Clear();
            Interlocked.Exchange(ref _bars, 0);
            return true;
        }

        /// <summary>Holds nothing more of this day (past the bound); a newer day still supersedes it.</summary>
        public void LetGo()
        {
            IsLetGo = true;
            Series.Clear();
            Interlocked.Exchange(ref _bars, 0);
        }

        public void Apply(BarRow row)
        {
            if (IsLetGo)
            {
                return;
            }

            var series = Series.GetOrAdd(((BarPeriod)row.Period, row.Symbol), static key => new CurrentDaySeries(key.Symbol, (byte)key.Period));
            if (series.Apply(row))
            {
                Interlocked.Increment(ref _bars);
            }
        }
    }
}
