using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.StorageWriter.Tests.Support;

/// <summary>Valid 1m bars of a Tuesday session (09:31 Beijing onwards), distinct per symbol and minute.</summary>
public static class TestBars
{
    /// <summary>09:31 Beijing (UTC+8) of the latest Tuesday at least a day ago: recent, so inside every retention.</summary>
    public static readonly long FirstFrameUnixMs = LatestTuesday0931();

    public static string Symbol(int index) => $"{600000 + index:D6}.SH";

    public static Bar Create(int symbolIndex, int minute) => new()
    {
        Symbol = Symbol(symbolIndex),
        Period = Period._1M,
        FrameUnixMs = FirstFrameUnixMs + (minute * 60_000L),
        Open = 10.01 + symbolIndex,
        High = 10.25 + symbolIndex + (minute * 0.01),
        Low = 9.87 + symbolIndex,
        Close = 10.12 + symbolIndex,
        VolumeShares = 1_000 + (symbolIndex * 100) + minute,
        AmountCny = 10_123.45 + symbolIndex + minute,
        Final = true,
        QualityFlags = (uint)(minute % 2),
    };

    private static long LatestTuesday0931()
    {
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day.Year, day.Month, day.Day, 9, 31, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
    }

    /// <summary><paramref name="symbols"/> symbols × <paramref name="minutes"/> minutes.</summary>
    public static List<Bar> Grid(int symbols, int minutes, int firstMinute = 0) =>
        [.. Enumerable.Range(firstMinute, minutes).SelectMany(m => Enumerable.Range(0, symbols).Select(s => Create(s, m)))];
}
