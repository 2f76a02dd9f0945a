using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Query.Tests.LiveSupport;

internal static class TestBars
{
    // 2025-06-06 09:31 Beijing, the first 1m bar of the day, in epoch ms UTC.
    private const long FirstFrameUnixMs = 1749173460000;

    public static Bar Final(string symbol, int minute = 0, Period period = Period._1M, bool final = true) => new()
    {
        Symbol = symbol,
        Period = period,
        FrameUnixMs = FirstFrameUnixMs + (minute * 60_000L),
        Open = 10,
        High = 10.5,
        Low = 9.5,
        Close = 10 + (minute * 0.01),
        VolumeShares = 100 * (minute + 1),
        AmountCny = 1000 * (minute + 1),
        Final = final,
    };

    /// <summary>One entry's worth of bars per call: the symbols at one minute.</summary>
    public static IEnumerable<Bar> Minute(int minute, params string[] symbols) => symbols.Select(s => Final(s, minute));
}
