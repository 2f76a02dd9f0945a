using CsCheck;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Tests.Support;

/// <summary>One symbol's ticks for a generated day, with the order in which they arrive.</summary>
internal sealed record SymbolScript(string Symbol, bool FullSession, bool Suspended, MarketTick[] Ticks, long[] Arrivals)
{
    /// <summary>Cumulative lots of the last tick stamped before 15:05.</summary>
    public long LastVolumeBeforeCloseReporting => Ticks.LastOrDefault(t => t.TimeUnixMs < Day.At("15:05:00")).VolumeLots;
}

/// <summary>
/// Random but realistic trading days: cumulative volume and amount never fall, no trade before
/// 09:25, day high/low are the running extremes, and ticks arrive up to 20 s out of time order across
/// symbols (never within one symbol), so some land after their bar closed.
/// </summary>
internal static class RandomDay
{
    private static readonly long SessionStart = Day.At("09:15:00");
    private static readonly long AuctionMatch = Day.At("09:25:00");
    private const int SpanSeconds = 6 * 3600;

    private static readonly Gen<(int Second, int Lots, int Cents, int DelaySeconds)> RawTick =
        Gen.Select(Gen.Int[0, SpanSeconds], Gen.Int[0, 40], Gen.Int[900, 1100], Gen.Int[0, 20]);

    private static readonly Gen<(int Kind, int FirstSecond, (int, int, int, int)[] Ticks)> RawSymbol =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 900], RawTick.Array[0, 150]);

    /// <summary>Kind of each symbol: 0–6 full session, 7–8 first seen late, 9 suspended all day.</summary>
    public static Gen<SymbolScript[]> Scripts { get; } = RawSymbol.Array[1, 5].Select(raw => raw.Select(Build).ToArray());

    /// <summary>All ticks of all symbols in arrival order.</summary>
    public static IEnumerable<(string Symbol, MarketTick Tick)> Arrivals(SymbolScript[] scripts) =>
        scripts.SelectMany(s => s.Ticks.Select((tick, i) => (s.Symbol, Tick: tick, Arrival: s.Arrivals[i])))
            .OrderBy(x => x.Arrival).ThenBy(x => x.Tick.TimeUnixMs)
            .Select(x => (x.Symbol, x.Tick));

    private static SymbolScript Build((int Kind, int FirstSecond, (int, int, int, int)[] Ticks) raw, int index)
    {
        var symbol = $"60{index:D4}.SH";
        var fullSession = raw.Kind <= 6 || raw.Kind == 9;
        var suspended = raw.Kind == 9;
        var first = fullSession ? SessionStart + (raw.FirstSecond * 1000L) : Day.At("10:00:00") + (raw.FirstSecond * 20_000L);
        var ticks = new List<MarketTick> { new(first, 0, 0, 0, 10.0, 0, fullSession ? 0 : 5_000, suspended ? 1 : 0) };
        if (!fullSession)
        {
            ticks[0] = ticks[0] with { LastPrice = 10.0, High = 10.2, Low = 9.8, Amount = 5_000_000 };
        }

        var arrivals = new List<long> { first };
        foreach (var (second, lots, cents, delay) in raw.Ticks.OrderBy(t => t.Item1).DistinctBy(t => t.Item1))
        {
            var time = SessionStart + (second * 1000L) + 500;
            if (time <= ticks[^1].TimeUnixMs)
            {
                continue;
            }

            var previous = ticks[^1];
            var traded = time >= AuctionMatch && lots > 0 && !suspended;
            var price = traded ? cents / 100.0 : previous.LastPrice;
            var tick = traded
                ? previous with
                {
                    TimeUnixMs = time,
                    LastPrice = price,
                    VolumeLots = previous.VolumeLots + lots,
                    Amount = previous.Amount + (lots * 100 * price),
                    High = Math.Max(previous.High, price),
                    Low = previous.Low == 0 ? price : Math.Min(previous.Low, price),
                }
                : previous with { TimeUnixMs = time };
            ticks.Add(tick);
            arrivals.Add(Math.Max(arrivals[^1], time + (time < Day.At("15:04:30") ? delay * 1000L : 0)));
        }

        return new SymbolScript(symbol, fullSession, suspended, [.. ticks], [.. arrivals]);
    }
}
