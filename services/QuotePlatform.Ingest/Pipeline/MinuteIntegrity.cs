using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Ingest.Pipeline;

/// <summary>
/// Passes bars on and watches the final 1m bars of each symbol: a symbol whose next final minute of
/// the day is not the slot after its previous one has missing minutes (the report's integrity figure).
/// The engine emits flat bars for quiet minutes, so a gap means data was lost on the way in.
/// </summary>
public sealed class MinuteIntegrity(IBarSink next) : IBarSink
{
    private readonly Dictionary<string, (long Day, int Slot)> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string> _withGaps = new(StringComparer.Ordinal);

    public int SymbolsWithMissingMinutes => _withGaps.Count;

    public void OnBar(in Bar bar)
    {
        if (bar.Final && bar.Period == BarPeriod.OneMinute)
        {
            var day = BeijingTime.DayNumber(bar.FrameUnixMs);
            var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(bar.FrameUnixMs));
            if (_last.TryGetValue(bar.Symbol, out var last) && last.Day == day && slot != last.Slot + 1)
            {
                _withGaps.Add(bar.Symbol);
            }

            _last[bar.Symbol] = (day, slot);
        }

        next.OnBar(bar);
    }

    public void OnDayClosed(long dayStartUnixMs) => next.OnDayClosed(dayStartUnixMs);
}
