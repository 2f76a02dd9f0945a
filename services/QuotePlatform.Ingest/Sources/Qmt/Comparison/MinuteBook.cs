using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>
/// The ingest's own final 1m bars of the current trading day, kept for the after-close comparison
/// with QMT's history: per symbol one slot per minute of QMT's 241-bar layout (6 doubles each, about
/// 60 MB for the whole market's day). Written on the engine's thread, read by the comparison.
/// </summary>
public sealed class MinuteBook
{
    public const int Fields = 6; // open, high, low, close, volume (shares), amount (CNY)
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double[]> _bars = new(StringComparer.Ordinal);
    private long _day = long.MinValue;
    private long _frontierUnixMs = long.MinValue;
    private long _firstUnixMs = long.MaxValue;

    /// <summary>False when the comparison is off (Ingest:Qmt:CompareAfterClose): nothing is kept.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The latest final 1m bar end recorded today: the engine's clock has closed every minute up to it.</summary>
    public long FrontierUnixMs
    {
        get
        {
            lock (_gate)
            {
                return _frontierUnixMs;
            }
        }
    }

    /// <summary>The earliest final 1m bar end recorded today: when the ingest started seeing the day.</summary>
    public long FirstUnixMs
    {
        get
        {
            lock (_gate)
            {
                return _firstUnixMs;
            }
        }
    }

    public void Record(in Bar bar)
    {
        if (!Enabled || !bar.Final || bar.Period != BarPeriod.OneMinute)
        {
            return;
        }

        var day = BeijingTime.DayNumber(bar.FrameUnixMs);
        var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(bar.FrameUnixMs));
        if (slot < 0)
        {
            return;
        }

        lock (_gate)
        {
            if (day != _day)
            {
                if (day < _day)
                {
                    return; // a late bar of a day already left behind
                }

                _bars.Clear(); // a new trading day: yesterday's comparison is done or moot
                _day = day;
                _frontierUnixMs = long.MinValue;
                _firstUnixMs = long.MaxValue;
            }

            if (!_bars.TryGetValue(bar.Symbol, out var slots))
            {
                slots = new double[TradingSession.SlotsPerDay * Fields];
                slots.AsSpan().Fill(double.NaN);
                _bars[bar.Symbol] = slots;
            }

            var at = slot * Fields;
            slots[at] = bar.Open;
            slots[at + 1] = bar.High;
            slots[at + 2] = bar.Low;
            slots[at + 3] = bar.Close;
            slots[at + 4] = bar.VolumeShares;
            slots[at + 5] = bar.AmountCny;
            _frontierUnixMs = Math.Max(_frontierUnixMs, bar.FrameUnixMs);
            _firstUnixMs = Math.Min(_firstUnixMs, bar.FrameUnixMs);
        }
    }

    /// <summary>A copy of the symbols' slots for one day (symbols without bars that day are left out).</summary>
    public Dictionary<string, double[]> Snapshot(long day, IEnumerable<string> symbols)
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, double[]>(StringComparer.Ordinal);
            if (day != _day)
            {
                return copy;
            }

            foreach (var symbol in symbols)
            {
                if (_bars.TryGetValue(symbol, out var slots))
                {
                    copy[symbol] = (double[])slots.Clone();
                }
            }

            return copy;
        }
    }

    /// <summary>Symbols with bars on that day.</summary>
    public IReadOnlyList<string> Symbols(long day)
    {
        lock (_gate)
        {
            return day == _day ? [.. _bars.Keys] : [];
        }
    }
}
