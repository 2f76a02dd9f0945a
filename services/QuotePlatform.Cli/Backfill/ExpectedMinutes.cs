using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Backfill;

/// <summary>The 1m slots a full trading day has in a layout, and how many of them each roll-up window holds.</summary>
internal sealed class ExpectedMinutes
{
    private readonly Dictionary<(BarPeriod Period, int EndSlot), int> _perWindow = [];

    public ExpectedMinutes(AuctionBar layout)
    {
        Slots = [.. Enumerable.Range(TradingSession.FirstSlot(layout), TradingSession.LastSlot - TradingSession.FirstSlot(layout) + 1)];
        foreach (var period in BarPeriods.All.Where(p => p != BarPeriod.OneMinute))
        {
            foreach (var slot in Slots)
            {
                var key = (period, TradingSession.WindowEndSlot(slot, period));
                _perWindow[key] = _perWindow.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>Every 1m slot of a day, in order.</summary>
    public IReadOnlyList<int> Slots { get; }

    public int InWindow(BarPeriod period, int endSlot) => _perWindow.GetValueOrDefault((period, endSlot));
}
