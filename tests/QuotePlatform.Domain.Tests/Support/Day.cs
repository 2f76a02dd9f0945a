using System.Globalization;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Tests.Support;

/// <summary>Hand-made ticks on Friday 2025-06-06, times written as Beijing "HH:mm:ss[.fff]".</summary>
internal static class Day
{
    public const long Start = 1_749_139_200_000;

    public static long At(string time)
    {
        var parsed = TimeSpan.ParseExact(time, time.Contains('.', StringComparison.Ordinal) ? @"hh\:mm\:ss\.fff" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        return Start + (long)parsed.TotalMilliseconds;
    }

    /// <summary>A frame label "HH:mm" as epoch ms.</summary>
    public static long Frame(string time) => At(time + ":00");

    public static string Label(long frameUnixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(frameUnixMs).ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A snapshot; day high/low default to the running extremes the caller passes.</summary>
    public static MarketTick Tick(string time, double price, long volumeLots, double? amount = null, double high = 0, double low = 0,
        double lastClose = 10.0, int status = 0) =>
        new(At(time), price, high, low, lastClose, amount ?? volumeLots * 100 * price, volumeLots, status);
}
