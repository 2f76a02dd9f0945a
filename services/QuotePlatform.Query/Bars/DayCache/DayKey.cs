using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>A period's bars of one Beijing calendar day: frames in [00:00, 24:00) Beijing.</summary>
internal readonly record struct DayKey(BarPeriod Period, long DayNumber)
{
    public long FromUnixMs => BeijingTime.DayStartUnixMs(DayNumber);

    public long ToUnixMs => BeijingTime.DayStartUnixMs(DayNumber + 1);
}
