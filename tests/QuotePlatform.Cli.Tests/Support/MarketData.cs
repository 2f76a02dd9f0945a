using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Cli.Tests.Support;

/// <summary>Bars and quotes of known values on a fixed trading day.</summary>
internal static class MarketData
{
    public const string Date = "2025-06-06";

    /// <summary>2025-06-06 (a Friday) 00:00 Beijing.</summary>
    public static readonly long Day = new DateTimeOffset(2025, 6, 6, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    /// <summary>End of the n-th 1m bar of the day (0 = 09:31 ... 119 = 11:30, 120 = 13:01 ... 239 = 15:00).</summary>
    public static long MinuteFrame(int n, long day = 0) =>
        (day == 0 ? Day : day) + (n < 120 ? (9 * 60 + 31 + n) : (13 * 60 + 1 + n - 120)) * 60_000L;

    /// <summary>Prices in fen, as the exchange quotes them.</summary>
    public static Bar Minute(string symbol, int n, long day = 0) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FrameUnixMs = MinuteFrame(n, day),
        Open = Math.Round(10 + (n * 0.01), 2),
        High = Math.Round(10.5 + (n * 0.01), 2),
        Low = Math.Round(9.5 + (n * 0.01), 2),
        Close = Math.Round(10.2 + (n * 0.01), 2),
        VolumeShares = 1000 + n,
        AmountCny = 10_000.5 + n,
        Final = true,
    };

    /// <summary>Minutes n of the day, every one when none is given.</summary>
    public static List<Bar> Minutes(string symbol, IEnumerable<int>? minutes = null, long day = 0) =>
        [.. (minutes ?? Enumerable.Range(0, 240)).Select(n => Minute(symbol, n, day))];

    public static Quote Quote(string symbol, double last) => new()
    {
        Symbol = symbol,
        TimeUnixMs = Day + (10 * 3_600_000),
        LastPrice = last,
        PreviousClose = last - 0.1,
        Open = last - 0.05,
        High = last + 0.2,
        Low = last - 0.2,
        VolumeShares = 123_400,
        AmountCny = 1_234_567.5,
    };
}
