using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Sources.Qmt.Conversion;

/// <summary>
/// Turns QMT 1m bars (per-stock subscribe_quote pushes with the bar still forming, and
/// get_market_data_ex history) into ticks the bar engine rebuilds the same bars from. A bar becomes
/// its price path (open, high, low, close; for a forming bar's update: new high, new low, close),
/// one tick per price in the bar's last second, each adding volume (the engine only moves prices on
/// volume), together carrying the day's cumulative volume and amount as whole-quote ticks do.
/// One converter per stream of bars: it keeps each stock's cumulative day.
/// </summary>
internal sealed class MinuteBarTicks
{
    private const int StatusSuspended = 1;
    private const long LastSecond = 1_000;
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly List<double> _path = new(4);

    /// <summary>
    /// Bars are rows of quoteplatform_bridge.BAR_WIDTH values: time (end), o, h, l, c, volume,
    /// amount, preClose, suspendFlag. Ticks are stamped after <paramref name="notBeforeUnixMs"/>
    /// (the last tick already delivered), so the engine takes them as newer, and not after
    /// <paramref name="notAfterUnixMs"/> (now, for a bar still forming: live ticks follow).
    /// </summary>
    public void Append(string code, ReadOnlySpan<double> bar, ICollection<SourceTick> output, bool emit = true,
        long notBeforeUnixMs = long.MinValue, long notAfterUnixMs = long.MaxValue)
    {
        var label = (long)bar[0];
        if (!_states.TryGetValue(code, out var state))
        {
            state = new State();
            _states[code] = state;
        }

        if (label < state.Label)
        {
            return; // an older bar than one already seen: nothing new
        }

        var newBar = label > state.Label;
        if (newBar)
        {
            state.CompletedVolume += state.BarVolume;
            state.CompletedAmount += state.BarAmount;
            state.Label = label;
            state.BarVolume = 0;
            state.BarAmount = 0;
            state.BarHigh = double.MinValue;
            state.BarLow = double.MaxValue;
            state.NextTime = Math.Min(
                Math.Clamp(notBeforeUnixMs == long.MinValue ? label - LastSecond : notBeforeUnixMs + 1, label - LastSecond, label - 100),
                Math.Max(notAfterUnixMs - 10, notBeforeUnixMs + 1));
        }

        if (bar[7] > 0)
        {
            state.LastClose = bar[7];
        }

        var (open, high, low, close) = (bar[1], bar[2], bar[3], bar[4]);
        var volume = (long)bar[5];
        var amount = bar[6];
        var added = volume - state.BarVolume;
        if (added <= 0 || !double.IsFinite(close) || close <= 0)
        {
            return; // nothing traded since: the engine closes a quiet minute flat by the clock
        }

        _path.Clear();
        if (newBar)
        {
            _path.Add(open);
        }

        if (high > state.BarHigh)
        {
            state.BarHigh = high;
            AddStep(high);
        }

        if (low < state.BarLow)
        {
            state.BarLow = low;
            AddStep(low);
        }

        AddStep(close);
        state.DayHigh = Math.Max(state.DayHigh, high);
        state.DayLow = state.DayLow <= 0 ? low : Math.Min(state.DayLow, low);
        var (volumeBefore, amountBefore) = (state.BarVolume, state.BarAmount);
        state.BarVolume = volume;
        state.BarAmount = amount;
        if (!emit)
        {
            return;
        }

        // Each tick must add at least a lot; with fewer lots than prices the path keeps its end.
        var steps = (int)Math.Min(_path.Count, added);
        var status = bar[8] >= 1 ? StatusSuspended : 0;
        for (var i = 0; i < steps; i++)
        {
            var lots = i == steps - 1 ? added : i + 1;
            var tick = new MarketTick(
                Math.Min(state.NextTime++, label - 1),
                _path[_path.Count - steps + i],
                state.DayHigh,
                state.DayLow,
                state.LastClose,
                state.CompletedAmount + amountBefore + ((amount - amountBefore) * lots / added),
                state.CompletedVolume + volumeBefore + lots,
                status);
            output.Add(new SourceTick(code, tick, TickBook.Empty));
        }
    }

    private void AddStep(double price)
    {
        if (_path.Count == 0 || _path[^1] != price)
        {
            _path.Add(price);
        }
    }

    private sealed class State
    {
        public long Label = long.MinValue;
        public long CompletedVolume;
        public double CompletedAmount;
        public long BarVolume;
        public double BarAmount;
        public double DayHigh;
        public double DayLow;
        public double BarHigh;
        public double BarLow;
        public double LastClose;
        public long NextTime;
    }
}
