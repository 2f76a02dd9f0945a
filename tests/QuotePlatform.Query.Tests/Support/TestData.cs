using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Query.Tests.Support;

/// <summary>Bars and quotes of known values on fixed trading days.</summary>
public static class TestData
{
    /// <summary>2025-06-06 (a Friday) 00:00 Beijing.</summary>
    public static readonly long Day = new DateTimeOffset(2025, 6, 6, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    /// <summary>00:00 Beijing of a date written YYYY-MM-DD.</summary>
    public static long DayOf(string date) =>
        new DateTimeOffset(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    /// <summary>End of the n-th 1m bar of the day (0 = 09:31 ... 119 = 11:30, 120 = 13:01 ... 239 = 15:00).</summary>
    public static long MinuteFrame(int n, long day = 0) =>
        (day == 0 ? Day : day) + (n < 120 ? (9 * 60 + 31 + n) : (13 * 60 + 1 + n - 120)) * 60_000L;

    public static Bar Minute(string symbol, int n, long day = 0) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FrameUnixMs = MinuteFrame(n, day),
        Open = 10 + (n * 0.01),
        High = 10.5 + (n * 0.01),
        Low = 9.5 + (n * 0.01),
        Close = 10.2 + (n * 0.01),
        VolumeShares = 1000 + n,
        AmountCny = 10_000.5 + n,
        Final = true,
        QualityFlags = (uint)(n % 3 == 0 ? 2 : 0),
    };

    /// <summary>The whole 240-bar day of one symbol.</summary>
    public static List<Bar> Day1m(string symbol, long day = 0) => [.. Enumerable.Range(0, 240).Select(n => Minute(symbol, n, day))];

    public static Quote Quote(string symbol, double last, long timeUnixMs = 0) => new()
    {
        Symbol = symbol,
        TimeUnixMs = timeUnixMs == 0 ? Day + (10 * 3_600_000) : timeUnixMs,
        LastPrice = last,
        PreviousClose = last - 0.1,
        Open = last - 0.05,
        High = last + 0.2,
        Low = last - 0.2,
        VolumeShares = 123_400,
        AmountCny = 1_234_567.5,
        Bids = { new PriceLevel { Price = last - 0.01, VolumeShares = 500 } },
        Asks = { new PriceLevel { Price = last + 0.01, VolumeShares = 700 } },
        StockStatus = 0,
    };

    /// <summary>
    /// A symbol's archived day of ticks: one every 3 s from 09:30:03 to 11:30 and 13:00:03 to 15:00
    /// (4,800), the price walking by a fen, a five-level book, cumulative volume growing.
    /// </summary>
    public static List<QuotePlatform.Storage.Ticks.TickRow> TickDay(string symbol, long day = 0)
    {
        var start = day == 0 ? Day : day;
        var times = Enumerable.Range(1, 2_400).Select(i => start + ((9 * 3_600 + 30 * 60) * 1_000L) + (i * 3_000L))
            .Concat(Enumerable.Range(1, 2_400).Select(i => start + (13 * 3_600 * 1_000L) + (i * 3_000L)));
        return [.. times.Select((time, i) =>
        {
            var price = 10 + ((i % 7) * 0.01);
            return new QuotePlatform.Storage.Ticks.TickRow(symbol, time, price, 10, 10.06, 10, 9.98, 1_000.0 * i, 10L * i, 1_000L * i, 13, 3L * i,
                [price - 0.01, price - 0.02, price - 0.03, price - 0.04, price - 0.05], [1, 2, 3, 4, 5],
                [price + 0.01, price + 0.02, price + 0.03, price + 0.04, price + 0.05], [6, 7, 8, 9, 10], time + 400, time + 200);
        })];
    }
}
