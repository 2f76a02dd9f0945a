using System.Globalization;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Testing.FullMarket.Market;

/// <summary>
/// A deterministic full-market trading day shaped like `quote simulate` (and the simulated xtdata
/// module): the full snapshot at 09:15, opening call auction (indicative prices, no volume) matched
/// at 09:25, continuous trading 09:30–11:30 and 13:00–14:57 with every trading instrument in every
/// 3 s push (a random walk inside its price limit, a trade in most pushes), the closing auction
/// matched at 15:00, and 2% of the instruments suspended all day. Each tick carries the exchange's
/// snapshot time, a fixed per-instrument delay after its push slot, so ticks of a push are in time
/// order. Same seed, same ticks: the pipeline run and the offline engine replay the same day by
/// creating two instances. 5,200 symbols give about 25 million ticks.
/// </summary>
public sealed class MarketDay
{
    public const int TradingStatus = 13;
    public const int SuspendedStatus = 17;
    public const long PushIntervalMs = 3_000;
    private const double TradeChance = 0.8;
    private const double PriceMoveChance = 0.35;
    private const double AuctionChangeShare = 0.4;

    private static readonly long OpeningAuction = BeijingTime.At(9, 15);
    private static readonly long ClosingAuction = BeijingTime.At(14, 57);

    private readonly Random _random;
    private readonly int[] _order;
    private readonly long[] _delayMs;
    private readonly double[] _lastClose;
    private readonly double[] _limitUp;
    private readonly double[] _limitDown;
    private readonly int[] _lotScale;
    private readonly double[] _price;
    private readonly double[] _open;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _amount;
    private readonly long[] _volumeLots;
    private readonly long[] _schedule;
    private readonly MarketPush _push;
    private int _next;

    public MarketDay(long dayNumber, int symbols = 5_200, int seed = 7)
    {
        DayNumber = dayNumber;
        DayStartUnixMs = BeijingTime.DayStartUnixMs(dayNumber);
        _random = new Random(seed);
        Symbols = [.. Enumerable.Range(0, symbols).Select(SymbolAt)];
        Suspended = [.. Enumerable.Range(0, symbols).Select(_ => _random.NextDouble() < 0.02)];
        _delayMs = [.. Enumerable.Range(0, symbols).Select(_ => (long)_random.Next(1_000))];
        _order = [.. Enumerable.Range(0, symbols).OrderBy(s => _delayMs[s]).ThenBy(s => s)];
        _lastClose = [.. Enumerable.Range(0, symbols).Select(_ => Math.Round(Math.Exp(Math.Log(3) + (_random.NextDouble() * Math.Log(80.0 / 3))), 2))];
        _limitUp = [.. Enumerable.Range(0, symbols).Select(s => Math.Round(_lastClose[s] * (1 + (LimitPercent(Symbols[s]) / 100)), 2))];
        _limitDown = [.. Enumerable.Range(0, symbols).Select(s => Math.Round(_lastClose[s] * (1 - (LimitPercent(Symbols[s]) / 100)), 2))];
        _lotScale = [.. Enumerable.Range(0, symbols).Select(_ => _random.Next(5, 200))];
        _price = [.. _lastClose];
        _open = new double[symbols];
        _high = new double[symbols];
        _low = new double[symbols];
        _amount = new double[symbols];
        _volumeLots = new long[symbols];
        _schedule = [.. Schedule()];
        _push = new MarketPush(symbols);
    }

    public long DayNumber { get; }

    public long DayStartUnixMs { get; }

    public IReadOnlyList<string> Symbols { get; }

    public IReadOnlyList<bool> Suspended { get; }

    /// <summary>Push times of the day, epoch ms UTC, in order.</summary>
    public IReadOnlyList<long> PushTimesUnixMs => [.. _schedule.Select(t => DayStartUnixMs + t)];

    public int PushCount => _schedule.Length;

    /// <summary>Time of the next push (epoch ms UTC), or long.MaxValue after the last one.</summary>
    public long NextPushUnixMs => _next < _schedule.Length ? DayStartUnixMs + _schedule[_next] : long.MaxValue;

    /// <summary>The next push of the day, or null after the last one. The returned object is reused.</summary>
    public MarketPush? Next()
    {
        if (_next >= _schedule.Length)
        {
            return null;
        }

        var time = _schedule[_next++];
        _push.Count = 0;
        _push.TimeUnixMs = DayStartUnixMs + time;
        if (time == OpeningAuction)
        {
            ForEach(s => Indicate(s, opening: true), everyone: true);
        }
        else if (time < TradingSession.AuctionMatch || (time > ClosingAuction && time < TradingSession.Close))
        {
            var opening = time < TradingSession.AuctionMatch;
            ForEach(s => _random.NextDouble() < AuctionChangeShare && Indicate(s, opening));
        }
        else if (time == TradingSession.AuctionMatch || time == TradingSession.Close)
        {
            ForEach(Match);
        }
        else
        {
            ForEach(Continuous);
        }

        return _push;
    }

    /// <summary>The ticks the whole day holds (a full pass over a fresh instance; for figures only).</summary>
    public static long CountTicks(long dayNumber, int symbols, int seed)
    {
        var day = new MarketDay(dayNumber, symbols, seed);
        long ticks = 0;
        while (day.Next() is { } push)
        {
            ticks += push.Count;
        }

        return ticks;
    }

    private static IEnumerable<long> Schedule()
    {
        for (var t = OpeningAuction; t <= TradingSession.AuctionMatch; t += PushIntervalMs)
        {
            yield return t;
        }

        for (var t = TradingSession.ContinuousOpen + PushIntervalMs; t <= TradingSession.MorningClose; t += PushIntervalMs)
        {
            yield return t;
        }

        for (var t = TradingSession.AfternoonOpen + PushIntervalMs; t <= TradingSession.Close; t += PushIntervalMs)
        {
            yield return t;
        }
    }

    private void ForEach(Func<int, bool> step, bool everyone = false)
    {
        foreach (var s in _order)
        {
            if (Suspended[s])
            {
                if (everyone)
                {
                    _push.Add(s, new MarketTick(_push.TimeUnixMs + _delayMs[s], _lastClose[s], 0, 0, _lastClose[s], 0, 0, SuspendedStatus));
                }

                continue;
            }

            if (step(s) || everyone)
            {
                _push.Add(s, new MarketTick(_push.TimeUnixMs + _delayMs[s], _price[s], _high[s], _low[s], _lastClose[s], _amount[s], _volumeLots[s], TradingStatus));
            }
        }
    }

    private bool Indicate(int s, bool opening)
    {
        if (opening)
        {
            _price[s] = Clamp(s, _lastClose[s] * (1 + ((_random.NextDouble() - 0.5) * 0.04)));
        }

        return true;
    }

    private bool Match(int s)
    {
        var lots = (long)_lotScale[s] * _random.Next(5, 30);
        Trade(s, _price[s], lots);
        return true;
    }

    private bool Continuous(int s)
    {
        if (_random.NextDouble() < TradeChance)
        {
            var move = _random.NextDouble() < PriceMoveChance ? (_random.Next(2) * 2) - 1 : 0;
            var lots = 1 + (long)(_lotScale[s] * -Math.Log(1 - _random.NextDouble()));
            Trade(s, Clamp(s, _price[s] + (move * 0.01)), lots);
        }

        // Every trading instrument is in every continuous push (its book changed): ~25 M ticks a day.
        return true;
    }

    private void Trade(int s, double price, long lots)
    {
        _price[s] = price;
        if (_open[s] == 0)
        {
            _open[s] = _high[s] = _low[s] = price;
        }

        _high[s] = Math.Max(_high[s], price);
        _low[s] = Math.Min(_low[s], price);
        _volumeLots[s] += lots;
        _amount[s] += lots * 100 * price;
    }

    private double Clamp(int s, double price) => Math.Round(Math.Clamp(price, _limitDown[s], _limitUp[s]), 2);

    /// <summary>Open of the day for the quote's book (0 before the opening match).</summary>
    public double OpenOf(int symbol) => _open[symbol];

    // Half Shanghai (main board and STAR), half Shenzhen (main board and ChiNext), as in the market.
    private static string SymbolAt(int i) => (i % 4) switch
    {
        0 => (600000 + (i / 4)).ToString("D6", CultureInfo.InvariantCulture) + ".SH",
        1 => (1 + (i / 4)).ToString("D6", CultureInfo.InvariantCulture) + ".SZ",
        2 => (i % 16 == 2 ? 688000 + (i / 16) : 601500 + (i / 4)).ToString("D6", CultureInfo.InvariantCulture) + ".SH",
        _ => (i % 16 == 3 ? 300000 + (i / 16) : 2001 + (i / 4)).ToString("D6", CultureInfo.InvariantCulture) + ".SZ",
    };

    private static double LimitPercent(string symbol) => symbol.StartsWith("688", StringComparison.Ordinal) || symbol.StartsWith("300", StringComparison.Ordinal) ? 20 : 10;
}
