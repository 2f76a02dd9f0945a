using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Domain.Rollups;

/// <summary>
/// Builds 5m, 15m, 30m, 60m and 1d bars from final 1m bars and passes every bar on. A window is
/// emitted, labelled at its end, when its last 1m constituent arrives; a window cut short (symbol
/// suspended before its end) is emitted when a later minute arrives or when the day closes.
/// </summary>
public sealed class RollupAggregator(IBarSink next, IReadOnlyCollection<BarPeriod>? periods = null) : IBarSink
{
    private static readonly BarPeriod[] Rollups =
        [BarPeriod.FiveMinutes, BarPeriod.FifteenMinutes, BarPeriod.ThirtyMinutes, BarPeriod.SixtyMinutes, BarPeriod.OneDay];

    private readonly BarPeriod[] _periods = [.. Rollups.Where(p => periods is null || periods.Contains(p))];
    private readonly Dictionary<string, RollupWindow[]> _windows = new(StringComparer.Ordinal);

    public void OnBar(in Bar bar)
    {
        next.OnBar(bar);
        if (!bar.Final || bar.Period != BarPeriod.OneMinute || _periods.Length == 0)
        {
            return;
        }

        if (!_windows.TryGetValue(bar.Symbol, out var windows))
        {
            windows = new RollupWindow[_periods.Length];
            _windows.Add(bar.Symbol, windows);
        }

        var day = BeijingTime.DayNumber(bar.FrameUnixMs);
        var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(bar.FrameUnixMs));
        for (var i = 0; i < _periods.Length; i++)
        {
            ref var window = ref windows[i];
            var endSlot = TradingSession.WindowEndSlot(slot, _periods[i]);
            if (window.IsOpen && (window.Day != day || window.EndSlot != endSlot))
            {
                Emit(bar.Symbol, _periods[i], ref window);
            }

            if (!window.IsOpen)
            {
                window.Start(day, endSlot);
            }

            window.Add(bar);
            if (slot == endSlot)
            {
                Emit(bar.Symbol, _periods[i], ref window);
            }
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
        var day = BeijingTime.DayNumber(dayStartUnixMs);
        foreach (var (symbol, windows) in _windows)
        {
            for (var i = 0; i < windows.Length; i++)
            {
                if (windows[i].IsOpen && windows[i].Day <= day)
                {
                    Emit(symbol, _periods[i], ref windows[i]);
                }
            }
        }

        next.OnDayClosed(dayStartUnixMs);
    }

    private void Emit(string symbol, BarPeriod period, ref RollupWindow window)
    {
        var frame = period == BarPeriod.OneDay
            ? BeijingTime.DayStartUnixMs(window.Day)
            : TradingSession.SlotEndUnixMs(window.Day, window.EndSlot);
        next.OnBar(window.ToBar(symbol, period, frame));
        window.IsOpen = false;
    }
}
