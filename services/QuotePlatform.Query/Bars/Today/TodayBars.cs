using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Streams;
using QuotePlatform.Storage.Bars;
using StackExchange.Redis;

namespace QuotePlatform.Query.Bars.Today;

/// <summary>
/// Answers GetBars of a range within today (Beijing) from memory, fed by the final bar streams, so a
/// feed that stores a whole-market minute every few seconds costs reads nothing (the day cache of
/// closed days would see every symbol change each minute).
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
/// of a moment later. A poison entry the writer dead-letters would be held here though not stored:
/// the stream's decoding is the same, so it is skipped here too. Memory is bounded by
/// Query:Today:MaxBars; past it the day is let go, counted and logged, and today is read from ClickHouse.
/// </summary>
internal sealed partial class TodayBars : BackgroundService
{
    private const int ReadCount = 500;

    private readonly IConnectionMultiplexer _redis;
    private readonly string[] _streams;
    private readonly BarReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger<TodayBars> _logger;
    private readonly TodayBarsOptions _options;
    private volatile HeldDay? _held;
    private long _hits;
    private long _misses;
    private long _overflows;

    public TodayBars(
        IConnectionMultiplexer redis, StreamKeys keys, ShardRouter router, BarReader reader, IOptions<TodayBarsOptions> options,
        IMeterFactory meterFactory, TimeProvider time, ILogger<TodayBars> logger)
    {
        _redis = redis;
        _streams = [.. Enumerable.Range(0, router.ShardCount).Select(keys.Bars)];
        _reader = reader;
        _time = time;
        _logger = logger;
        _options = options.Value;
        var meter = meterFactory.Create(Telemetry.QueryMetrics.MeterName);
        meter.CreateObservableGauge("quoteplatform.query.today.bars", () => Bars, "{bar}", "Today's bars held in memory (at most Query:Today:MaxBars)");
        meter.CreateObservableGauge("quoteplatform.query.today.size", () => Bytes, "By", "Estimated memory of today's bars held");
        meter.CreateObservableCounter("quoteplatform.query.today.hits", () => Hits, "{request}", "GetBars of today answered from memory");
        meter.CreateObservableCounter("quoteplatform.query.today.misses", () => Misses, "{request}", "GetBars of today answered from ClickHouse: loading, let go, or a symbol without bars");
        meter.CreateObservableCounter("quoteplatform.query.today.overflows", () => Overflows, "{day}", "Days let go because they outgrew Query:Today:MaxBars");
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Days let go because they outgrew the bound.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    public long Bars => _held?.Bars ?? 0;

    public long Bytes => Bars * TodaySeries.BytesPerBar;

    /// <summary>The bars of one symbol as the FINAL read answers, or null when memory cannot say.</summary>
    public IReadOnlyList<BarRow>? TryRead(string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, int limit)
    {
        var today = BeijingTime.DayNumber(_time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!_options.Enabled || BeijingTime.DayNumber(fromUnixMs) != today || BeijingTime.DayNumber(toUnixMs - 1) != today)
        {
            return null;
        }

        // A symbol without bars today is asked of ClickHouse: it may be unknown (NOT_FOUND).
        if (_held is not { } held || held.Day != today || !held.Series.TryGetValue((period, symbol), out var series))
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
                await HoldTodayAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _held = null;
                LogFailed(ex);
                await Task.Delay(_options.RetryDelay, _time, stoppingToken);
            }
        }
    }

    /// <summary>Loads today and follows the streams until the day ends or the bound is passed.</summary>
    private async Task HoldTodayAsync(CancellationToken cancellationToken)
    {
        var day = Today();
        var started = _time.GetTimestamp();
        var held = new HeldDay(day);
        // Every entry after the last one Redis deleted: the whole stream as it is now.
        var cursors = await LastDeletedAsync();
        while (await ReadStreamsAsync(held, cursors) > 0)
        {
        }

        await foreach (var row in _reader.ReadAllAsync(BeijingTime.DayStartUnixMs(day), BeijingTime.DayStartUnixMs(day + 1), cancellationToken))
        {
            held.Apply(row);
        }

        if (await TrimmedPastAsync(cursors))
        {
            LogTrimmedWhileLoading();
            return;
        }

        _held = held;
        LogLoaded(BeijingTime.Format(BeijingTime.DayStartUnixMs(day))[..10], held.Bars, held.Entries, _time.GetElapsedTime(started).TotalMilliseconds);
        while (Today() == day)
        {
            if (held.Bars > _options.MaxBars)
            {
                _held = null;
                Interlocked.Increment(ref _overflows);
                LogOverflow(held.Bars, _options.MaxBars);
                await Task.Delay(TimeSpan.FromMilliseconds(BeijingTime.DayStartUnixMs(day + 1) - _time.GetUtcNow().ToUnixTimeMilliseconds() + 1), _time, cancellationToken);
                return;
            }

            if (await ReadStreamsAsync(held, cursors) == 0)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken);
            }
        }

        _held = null;
    }

    /// <summary>Reads every stream once after its cursor (moved on), applies today's bars; the entries read.</summary>
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
        foreach (var bar in decoded.Batch.Bars)
        {
            var period = (BarPeriod)bar.Period;
            if (BeijingTime.DayNumber(bar.FrameUnixMs) == held.Day
                && BarValidator.Validate(bar.Symbol, period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny) is null)
            {
                held.Apply(new BarRow(bar.Symbol, (byte)period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close,
                    bar.VolumeShares, bar.AmountCny, bar.QualityFlags, EntryVersion.OfBar(version, bar.QualityFlags)));
            }
        }

        held.CountEntry();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Today's bars of {Date} held in memory: {Bars} bars ({Entries} stream entries read) in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string date, long bars, long entries, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Today's bars outgrew Query:Today:MaxBars ({Bars} > {MaxBars}): let go; GetBars of today reads ClickHouse until the next day")]
    private partial void LogOverflow(long bars, int maxBars);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A bar stream was trimmed past what had been read while today's bars were loaded; loading again")]
    private partial void LogTrimmedWhileLoading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Today's bars: skipped entry {Id} of {Stream}, which does not decode (the storage writer dead-letters it)")]
    private partial void LogBadEntry(string stream, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Today's bars: reading Redis or ClickHouse failed; GetBars of today reads ClickHouse until the day is loaded again")]
    private partial void LogFailed(Exception error);

    /// <summary>The bars of one day, per (period, symbol).</summary>
    private sealed class HeldDay(long day)
    {
        private long _bars;
        private long _entries;

        public long Day => day;

        public ConcurrentDictionary<(BarPeriod Period, string Symbol), TodaySeries> Series { get; } = new();

        public long Bars => Interlocked.Read(ref _bars);

        public long Entries => Interlocked.Read(ref _entries);

        public void Apply(BarRow row)
        {
            var series = Series.GetOrAdd(((BarPeriod)row.Period, row.Symbol), static key => new TodaySeries(key.Symbol, (byte)key.Period));
            if (series.Apply(row))
            {
                Interlocked.Increment(ref _bars);
            }
        }

        public void CountEntry() => Interlocked.Increment(ref _entries);
    }
}
