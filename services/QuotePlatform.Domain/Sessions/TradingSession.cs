using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Domain.Sessions;

/// <summary>
/// The SH/SZ/BJ trading day as minute-bar slots. Slot 0 is QMT's separate 09:30 auction bar, slots
/// 1..120 end 09:31..11:30 and slots 121..240 end 13:01..15:00. Every intraday period divides 120,
/// so no roll-up window straddles the lunch break.
/// </summary>
public static class TradingSession
{
    public const int AuctionSlot = 0;
    public const int FirstContinuousSlot = 1;
    public const int LastMorningSlot = 120;
    public const int LastSlot = 240;
    public const int SlotsPerDay = 241;

    public static readonly long AuctionMatch = BeijingTime.At(9, 25);
    public static readonly long ContinuousOpen = BeijingTime.At(9, 30);
    public static readonly long MorningClose = BeijingTime.At(11, 30);
    public static readonly long AfternoonOpen = BeijingTime.At(13, 0);
    public static readonly long Close = BeijingTime.At(15, 0);

    /// <summary>Closing-auction results are still reported until here; later ticks are after-hours.</summary>
    public static readonly long CloseReportingEnd = BeijingTime.At(15, 5);

    /// <summary>First slot of a full session in the given layout.</summary>
    public static int FirstSlot(AuctionBar layout) => layout == AuctionBar.Separate ? AuctionSlot : FirstContinuousSlot;

    /// <summary>End of a slot's bar, milliseconds of day.</summary>
    public static long SlotEnd(int slot) => slot <= LastMorningSlot
        ? ContinuousOpen + (slot * BeijingTime.MillisecondsPerMinute)
        : AfternoonOpen + ((slot - LastMorningSlot) * BeijingTime.MillisecondsPerMinute);

    /// <summary>End of a slot's bar on a trading day, epoch ms UTC.</summary>
    public static long SlotEndUnixMs(long dayNumber, int slot) => BeijingTime.DayStartUnixMs(dayNumber) + SlotEnd(slot);

    /// <summary>The slot whose bar ends exactly at this time of day, or -1.</summary>
    public static int SlotEndingAt(long millisecondOfDay)
    {
        if (millisecondOfDay % BeijingTime.MillisecondsPerMinute != 0)
        {
            return -1;
        }

        var minutesAfterOpen = (millisecondOfDay - ContinuousOpen) / BeijingTime.MillisecondsPerMinute;
        if (minutesAfterOpen is >= 0 and <= LastMorningSlot && millisecondOfDay >= ContinuousOpen)
        {
            return (int)minutesAfterOpen;
        }

        var minutesAfterLunch = (millisecondOfDay - AfternoonOpen) / BeijingTime.MillisecondsPerMinute;
        return millisecondOfDay > AfternoonOpen && minutesAfterLunch <= LastSlot - LastMorningSlot
            ? LastMorningSlot + (int)minutesAfterLunch
            : -1;
    }

    /// <summary>
    /// The slot a trade at this time of day belongs to, or -1 when it is in no minute bar
    /// (pre-open before 09:25, after-hours from 15:05).
    /// </summary>
    public static int SlotOfTrade(long millisecondOfDay, AuctionBar layout)
    {
        if (millisecondOfDay < AuctionMatch || millisecondOfDay >= CloseReportingEnd)
        {
            return -1;
        }

        if (millisecondOfDay < ContinuousOpen)
        {
            return FirstSlot(layout);
        }

        if (millisecondOfDay < MorningClose)
        {
            return 1 + (int)((millisecondOfDay - ContinuousOpen) / BeijingTime.MillisecondsPerMinute);
        }

        if (millisecondOfDay < AfternoonOpen)
        {
            return LastMorningSlot;
        }

        return millisecondOfDay < Close
            ? LastMorningSlot + 1 + (int)((millisecondOfDay - AfternoonOpen) / BeijingTime.MillisecondsPerMinute)
            : LastSlot;
    }

    /// <summary>
    /// The slot of the last 1m bar in the roll-up window holding <paramref name="slot"/>. The separate
    /// 09:30 auction bar joins the first window.
    /// </summary>
    public static int WindowEndSlot(int slot, BarPeriod period)
    {
        if (period == BarPeriod.OneDay)
        {
            return LastSlot;
        }

        var minutes = period.Minutes();
        return slot <= FirstContinuousSlot ? minutes : ((slot - 1) / minutes + 1) * minutes;
    }

    /// <summary>
    /// True when <paramref name="frameUnixMs"/> is a bar END for the period on a weekday: 1m accepts
    /// the separate 09:30 auction bar too (both layouts exist); 1d frames are 00:00 Beijing. Holidays are
    /// not known (no calendar data), so every weekday is accepted.
    /// </summary>
    public static bool IsBarEnd(BarPeriod period, long frameUnixMs)
    {
        if (!BeijingTime.IsWeekday(BeijingTime.DayNumber(frameUnixMs)))
        {
            return false;
        }

        var millisecondOfDay = BeijingTime.MillisecondOfDay(frameUnixMs);
        if (period == BarPeriod.OneDay)
        {
            return millisecondOfDay == 0;
        }

        var minutes = period.Minutes();
        if (minutes == 0)
        {
            return false;
        }

        var slot = SlotEndingAt(millisecondOfDay);
        return slot == AuctionSlot ? period == BarPeriod.OneMinute : slot > 0 && slot % minutes == 0;
    }
}
