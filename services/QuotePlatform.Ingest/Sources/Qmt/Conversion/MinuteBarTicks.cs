using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Sources.Qmt.Conversion;

/// <summary>
/// Turns QMT 1m bars (per-stock subscribe_quote pushes with the bar still forming, and
/// get_market_data_ex history) into ticks the bar engine rebuilds the same bars from: the bar's
/// price path as open, new high, new low, close, all stamped 1 ms before the bar's end, carrying the
/// day's cumulative volume and amount (the sum of the bars so far) as a whole-quote tick would.
/// One converter per stream of bars: it keeps each stock's cumulative day.
/// </summary>
internal sealed class MinuteBarTicks
{
    private const int StatusSuspended = 1;
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Bars are rows of quoteplatform_bridge.BAR_WIDTH values: time (end), o, h, l, c, volume, amount, preClose, suspendFlag.</summary>
    public void Append(string code, ReadOnlySpan<double> bar, ICollection<SourceTick> output, bool emit = true)
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
            state.CompletedVolume += state.FormingVolume;
            state.CompletedAmount += state.FormingAmount;
            state.Label = label;
            state.BarHigh = double.MinValue;
            state.BarLow = double.MaxValue;
        }

        var (open, high, low, close) = (bar[1], bar[2], bar[3], bar[4]);
        var volume = (long)bar[5];
        state.FormingVolume = volume;
        state.FormingAmount = bar[6];
        if (bar[7] > 0)
        {
            state.LastClose = bar[7];
        }

        if (volume <= 0 || !double.IsFinite(close) || close <= 0)
        {
            return; // no trade in the minute: the engine closes it flat by the clock
        }

        state.DayHigh = Math.Max(state.DayHigh, high);
        state.DayLow = state.DayLow <= 0 ? low : Math.Min(state.DayLow, low);
        if (!emit)
        {
            return;
        }

        var status = bar[8] >= 1 ? StatusSuspended : 0;
        if (newBar)
        {
            output.Add(Tick(code, state, label, open, status));
        }

        if (high > state.BarHigh)
        {
            state.BarHigh = high;
            output.Add(Tick(code, state, label, high, status));
        }

        if (low < state.BarLow)
        {
            state.BarLow = low;
            output.Add(Tick(code, state, label, low, status));
        }

        output.Add(Tick(code, state, label, close, status));
    }

    private static SourceTick Tick(string code, State state, long label, double price, int status)
    {
        var tick = new MarketTick(label - 1, price, state.DayHigh, state.DayLow, state.LastClose,
            state.CompletedAmount + state.FormingAmount, state.CompletedVolume + state.FormingVolume, status);
        return new SourceTick(code, tick, TickBook.Empty);
    }

    private sealed class State
    {
        public long Label = long.MinValue;
        public long CompletedVolume;
        public double CompletedAmount;
        public long FormingVolume;
        public double FormingAmount;
        public double DayHigh;
        public double DayLow;
        public double BarHigh;
        public double BarLow;
        public double LastClose;
    }
}
