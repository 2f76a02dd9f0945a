using System.Globalization;

namespace QuotePlatform.Domain.Sessions;

/// <summary>
/// Beijing wall-clock arithmetic on epoch milliseconds. China has kept UTC+8 without daylight saving
/// since 1991, so a fixed offset is exact and avoids time-zone lookups on the hot path.
/// </summary>
public static class BeijingTime
{
    public const long MillisecondsPerMinute = 60_000;
    public const long MillisecondsPerDay = 86_400_000;
    public const long OffsetMilliseconds = 8 * 3_600_000;

    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Days since 1970-01-01 in Beijing.</summary>
    public static long DayNumber(long unixMs) => Math.DivRem(unixMs + OffsetMilliseconds, MillisecondsPerDay, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>Milliseconds since 00:00 Beijing of the same day.</summary>
    public static long MillisecondOfDay(long unixMs) => unixMs + OffsetMilliseconds - (DayNumber(unixMs) * MillisecondsPerDay);

    /// <summary>00:00 Beijing of a day, as epoch ms UTC.</summary>
    public static long DayStartUnixMs(long dayNumber) => (dayNumber * MillisecondsPerDay) - OffsetMilliseconds;

    /// <summary>1970-01-01 was a Thursday.</summary>
    public static DayOfWeek DayOfWeek(long dayNumber) => (DayOfWeek)(int)(((dayNumber + 4) % 7 + 7) % 7);

    public static bool IsWeekday(long dayNumber) => DayOfWeek(dayNumber) is not (System.DayOfWeek.Saturday or System.DayOfWeek.Sunday);

    /// <summary>Milliseconds of day for a Beijing wall-clock time.</summary>
    public static long At(int hour, int minute, int second = 0) => ((hour * 60L + minute) * 60L + second) * 1000L;

    public static DateTimeOffset ToDateTimeOffset(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(Offset);

    /// <summary>ISO-8601 with the +08:00 offset, e.g. 2025-06-06T09:31:00+08:00.</summary>
    public static string Format(long unixMs)
    {
        var time = ToDateTimeOffset(unixMs);
        var format = time.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
        return time.ToString(format, CultureInfo.InvariantCulture);
    }
}
