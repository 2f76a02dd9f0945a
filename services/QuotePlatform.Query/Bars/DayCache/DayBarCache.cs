using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>
/// Answers GetBars of a range within one closed Beijing day (before today) from memory: the first
/// request of a (period, day) loads the whole market's bars of that day in one FINAL statement (the panel reader) while it
/// and the next ones are answered from ClickHouse. Every CheckInterval each cached day's stored
/// rows are compared per symbol with those it was read under (<see cref="StoredSignature"/>); a
/// symbol that changed (a new bar, a correction, a redelivery) is answered from ClickHouse again
/// until it has been read anew. So an answer is the FINAL read of at most one interval ago, and
/// reads stop costing the engine a statement each (what set GetBars' p99 under a feed). Today's bars
/// change every minute and a reader expects a bar as soon as it is stored, so today is not cached.
/// Memory is bounded by Query:DayCache:MaxBars; the least recently read day is dropped first. What it
/// holds and how often it answered are gauges and counters of meter QuotePlatform.Query.
/// </summary>
internal sealed partial class DayBarCache : BackgroundService
{
    private const int LoadBlockBars = 32_768;

    private readonly IClickHouseClient _client;
    private readonly BarPanelReader _panels;
    private readonly TimeProvider _time;
    private readonly ILogger<DayBarCache> _logger;
    private readonly DayCacheOptions _options;
    private readonly ConcurrentDictionary<DayKey, CachedDay> _days = new();
    private readonly Channel<DayKey> _loads = Channel.CreateUnbounded<DayKey>();
    private readonly ConcurrentDictionary<DayKey, bool> _tooLarge = new();
    private long _hits;
    private long _misses;
    private long _rounds;

    public DayBarCache(
        IClickHouseClient client, BarPanelReader panels, IOptions<DayCacheOptions> options, IMeterFactory meterFactory, TimeProvider time, ILogger<DayBarCache> logger)
    {
        _client = client;
        _panels = panels;
        _time = time;
        _logger = logger;
        _options = options.Value;
        var meter = meterFactory.Create(Telemetry.QueryMetrics.MeterName);
        meter.CreateObservableGauge("quoteplatform.query.day_cache.bars", () => Bars, "{bar}", "Bars held by the GetBars day cache (at most Query:DayCache:MaxBars)");
        meter.CreateObservableGauge("quoteplatform.query.day_cache.size", () => Bytes, "By", "Estimated memory of the bars the day cache holds");
        meter.CreateObservableGauge("quoteplatform.query.day_cache.days", () => Days, "{day}", "(period, day)s the day cache holds");
        meter.CreateObservableCounter("quoteplatform.query.day_cache.hits", () => Hits, "{request}", "GetBars answered from the day cache");
        meter.CreateObservableCounter("quoteplatform.query.day_cache.misses", () => Misses, "{request}", "GetBars of one day answered from ClickHouse: not loaded yet, or changed since");
    }

    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Rounds of checks completed: a store is seen by the round that starts after it.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>GetBars of one day that the cache could not answer (not loaded yet, or changed since).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public int Days => _days.Values.Count(d => d.Symbols is not null);

    public long Bars => _days.Values.Sum(d => d.Bars);

    /// <summary>An estimate: a bar's 68 bytes of values plus the lists' spare capacity, per symbol-day 200 bytes.</summary>
    public long Bytes => _days.Values.Sum(d => (d.Bars * 80) + ((d.Symbols?.Count ?? 0) * 200L));

    /// <summary>The bars of one symbol as ClickHouse's FINAL read answers, or null when the cache cannot say.</summary>
    public IReadOnlyList<BarRow>? TryRead(string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, int limit)
    {
        if (!_options.Enabled || BeijingTime.DayNumber(fromUnixMs) != BeijingTime.DayNumber(toUnixMs - 1))
        {
            return null;
        }

        var key = new DayKey(period, BeijingTime.DayNumber(fromUnixMs));
        if (key.DayNumber >= BeijingTime.DayNumber(_time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            return null;
        }

        if (_tooLarge.ContainsKey(key))
        {
            Interlocked.Increment(ref _misses);
            return null;
        }

        var day = _days.GetOrAdd(key, k =>
        {
            _loads.Writer.TryWrite(k);
            return new CachedDay(k);
        });
        // A symbol without bars that day is asked of ClickHouse: it may just have been stored (a
        // backfill), or be unknown (NOT_FOUND); a trading symbol is always there.
        if (day.Symbols is not { } symbols || !symbols.TryGetValue(symbol, out var bars) || bars.Stale)
        {
            Interlocked.Increment(ref _misses);
            return null;
        }

        day.LastRead = _time.GetTimestamp();
        Interlocked.Increment(ref _hits);
        return bars.Read(fromUnixMs, toUnixMs, limit);
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
                while (_loads.Reader.TryRead(out var key))
                {
                    await LoadAsync(key, stoppingToken);
                }

                foreach (var day in _days.Values.Where(d => d.Symbols is not null).ToList())
                {
                    await CheckAsync(day, stoppingToken);
                }

                Interlocked.Increment(ref _rounds);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // ClickHouse away: cached days keep their stale marks until a check succeeds; a day
                // not loaded is forgotten, so the next request of it asks again (after a pause).
                LogCheckFailed(ex);
                foreach (var day in _days.Values.Where(d => d.Symbols is null).ToList())
                {
                    _days.TryRemove(day.Key, out _);
                }

                try
                {
                    await Task.Delay(_options.CheckInterval, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await Task.WhenAny(Task.Delay(_options.CheckInterval, _time, stoppingToken), _loads.Reader.WaitToReadAsync(stoppingToken).AsTask());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Reads the whole day: signatures first, then the bars, so the bars are never older than their signature.</summary>
    private async Task LoadAsync(DayKey key, CancellationToken cancellationToken)
    {
        if (!_days.TryGetValue(key, out var day) || day.Symbols is not null)
        {
            return;
        }

        var started = _time.GetTimestamp();
        var signatures = await SignaturesAsync(key, cancellationToken);
        var symbols = new ConcurrentDictionary<string, SymbolDay>(StringComparer.Ordinal);
        foreach (var read in await ReadAsync(key, null, signatures, cancellationToken))
        {
            symbols[read.Symbol] = read;
        }

        day.LastRead = _time.GetTimestamp();
        day.Symbols = symbols;
        LogLoaded(key.Period.ToLabel(), BeijingTime.Format(key.FromUnixMs)[..10], day.Bars, symbols.Count, _time.GetElapsedTime(started).TotalMilliseconds);
        Evict(key);
    }

    /// <summary>Marks the symbols whose stored rows changed, then reads them again.</summary>
    private async Task CheckAsync(CachedDay day, CancellationToken cancellationToken)
    {
        var signatures = await SignaturesAsync(day.Key, cancellationToken);
        var symbols = day.Symbols!;
        var changed = new List<string>();
        foreach (var (symbol, signature) in signatures)
        {
            if (!symbols.TryGetValue(symbol, out var held) || held.Signature != signature)
            {
                changed.Add(symbol);
            }
        }

        changed.AddRange(symbols.Keys.Where(s => !signatures.ContainsKey(s) && symbols[s].Signature != default));
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var symbol in changed)
        {
            symbols.AddOrUpdate(symbol, s => new SymbolDay(s, (byte)day.Key.Period, default, 0) { Stale = true }, (_, held) =>
            {
                held.Stale = true;
                return held;
            });
        }

        var fresh = (await ReadAsync(day.Key, changed, signatures, cancellationToken)).ToDictionary(s => s.Symbol, StringComparer.Ordinal);
        foreach (var symbol in changed)
        {
            symbols[symbol] = fresh.TryGetValue(symbol, out var read) ? read : new SymbolDay(symbol, (byte)day.Key.Period, default, 0);
        }

        Evict(day.Key);
    }

    private async Task<Dictionary<string, StoredSignature>> SignaturesAsync(DayKey key, CancellationToken cancellationToken)
    {
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT symbol, count(), sum(version) FROM {TableNames.Bars}
            WHERE period = {(byte)key.Period}
              AND frame >= fromUnixTimestamp64Milli({key.FromUnixMs}, 'UTC') AND frame < fromUnixTimestamp64Milli({key.ToUnixMs}, 'UTC')
            GROUP BY symbol
            """);
        var signatures = new Dictionary<string, StoredSignature>(StringComparer.Ordinal);
        using var reader = await _client.ExecuteReaderAsync(sql, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            signatures[reader.GetString(0)] = new StoredSignature(
                Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToUInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        }

        return signatures;
    }

    /// <summary>The FINAL bars of the day (of the symbols given, or all), each symbol with the signature read before.</summary>
    private async Task<List<SymbolDay>> ReadAsync(
        DayKey key, IReadOnlyCollection<string>? symbols, Dictionary<string, StoredSignature> signatures, CancellationToken cancellationToken)
    {
        var days = new List<SymbolDay>();
        await foreach (var block in _panels.ReadAsync(symbols, key.Period, key.FromUnixMs, key.ToUnixMs, LoadBlockBars, cancellationToken))
        {
            var i = 0;
            for (var s = 0; s < block.Symbols.Count; s++)
            {
                var symbol = block.Symbols[s];
                if (days.Count == 0 || !ReferenceEquals(days[^1].Symbol, symbol))
                {
                    days.Add(new SymbolDay(symbol, (byte)key.Period, signatures.GetValueOrDefault(symbol), (int)block.BarCounts[s]));
                }

                for (var end = i + (int)block.BarCounts[s]; i < end; i++)
                {
                    days[^1].Add(block.FrameUnixMs[i], block.Open[i], block.High[i], block.Low[i], block.Close[i], block.VolumeShares[i], block.AmountCny[i], block.QualityFlags[i]);
                }
            }
        }

        return days;
    }

    /// <summary>
    /// Drops the least recently read days, the one just read last, until the bars fit; a day that
    /// alone does not fit is not cached again (its requests go to ClickHouse).
    /// </summary>
    private void Evict(DayKey justRead)
    {
        var total = Bars;
        var byAge = _days.Values.Where(d => d.Symbols is not null && d.Key != justRead).OrderBy(d => d.LastRead).ToList();
        if (_days.TryGetValue(justRead, out var last))
        {
            byAge.Add(last);
        }

        foreach (var day in byAge)
        {
            if (total <= _options.MaxBars)
            {
                return;
            }

            total -= day.Bars;
            if (day.Key == justRead)
            {
                _tooLarge[justRead] = true;
            }

            _days.TryRemove(day.Key, out _);
            LogEvicted(day.Key.Period.ToLabel(), BeijingTime.Format(day.Key.FromUnixMs)[..10], day.Bars);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Day cache: {Period} bars of {Date} loaded, {Bars} bars of {Symbols} symbols in {Milliseconds:F0} ms")]
    private partial void LogLoaded(string period, string date, long bars, int symbols, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Day cache: {Period} bars of {Date} dropped ({Bars} bars) to stay within Query:DayCache:MaxBars")]
    private partial void LogEvicted(string period, string date, long bars);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Day cache: loading or checking against ClickHouse failed; will try again")]
    private partial void LogCheckFailed(Exception error);
}
