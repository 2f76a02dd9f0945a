using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Benchmarks.Synthesis;

/// <summary>
/// Ten minutes of whole-market snapshots (5,200 symbols, one every 3 s each, ~70% with a trade),
/// replayed as consecutive ten-minute chunks of a trading day, then the next day, with times and
/// cumulative volumes shifted so the engine sees one endless, realistic feed without keeping a
/// day's 25 million ticks in memory.
/// </summary>
public sealed class MarketReplay
{
    public const int Symbols = 5_200;
    public const int SnapshotsPerChunk = 200;
    public const int TicksPerChunk = Symbols * SnapshotsPerChunk;
    public const int ChunksPerDay = 24;
    private const long ChunkMs = 10 * 60_000;
    private const long SnapshotMs = 3_000;

    // Monday 2025-06-02 00:00 Beijing.
    private const long FirstDay = 20_241;

    private readonly MarketTick[] _ticks = new MarketTick[TicksPerChunk];
    private readonly int[] _symbolOfTick = new int[TicksPerChunk];
    private readonly long[] _volumePerChunk = new long[Symbols];
    private readonly double[] _amountPerChunk = new double[Symbols];
    private readonly int[] _handles = new int[Symbols];

    public MarketReplay(int seed = 42)
    {
        var random = new Random(seed);
        var phase = new long[Symbols];
        var price = new double[Symbols];
        var high = new double[Symbols];
        var low = new double[Symbols];
        for (var s = 0; s < Symbols; s++)
        {
            phase[s] = random.NextInt64(SnapshotMs);
            price[s] = Math.Round(5 + (random.NextDouble() * 45), 2);
            high[s] = low[s] = price[s];
        }

        var order = Enumerable.Range(0, Symbols).OrderBy(s => phase[s]).ToArray();
        var i = 0;
        for (var snapshot = 0; snapshot < SnapshotsPerChunk; snapshot++)
        {
            foreach (var s in order)
            {
                if (random.NextDouble() < 0.7)
                {
                    var lots = random.Next(1, 50);
                    price[s] = Math.Max(0.5, Math.Round(price[s] + (random.Next(-2, 3) * 0.01), 2));
                    high[s] = Math.Max(high[s], price[s]);
                    low[s] = Math.Min(low[s], price[s]);
                    _volumePerChunk[s] += lots;
                    _amountPerChunk[s] += lots * 100 * price[s];
                }

                _ticks[i] = new MarketTick((snapshot * SnapshotMs) + phase[s], price[s], high[s], low[s], 10.0, _amountPerChunk[s], _volumePerChunk[s], 13);
                _symbolOfTick[i] = s;
                i++;
            }
        }
    }

    /// <summary>Registers the symbols; call once per engine before <see cref="Play"/>.</summary>
    public void Register(BarSynthesizer engine)
    {
        for (var s = 0; s < Symbols; s++)
        {
            _handles[s] = engine.GetHandle($"{600000 + s:D6}.SH");
        }
    }

    /// <summary>Feeds chunk number <paramref name="chunk"/> (0, 1, 2, ... across days) tick by tick.</summary>
    public void Play(BarSynthesizer engine, int chunk)
    {
        var day = FirstDay + (chunk / ChunksPerDay);
        var k = chunk % ChunksPerDay;
        var start = BeijingTime.DayStartUnixMs(day)
            + (k < 12 ? TradingSession.ContinuousOpen + (k * ChunkMs) : TradingSession.AfternoonOpen + ((k - 12) * ChunkMs));
        var ticks = _ticks;
        var symbols = _symbolOfTick;
        for (var i = 0; i < ticks.Length; i++)
        {
            var s = symbols[i];
            ref readonly var tick = ref ticks[i];
            var shifted = tick with
            {
                TimeUnixMs = start + tick.TimeUnixMs,
                VolumeLots = tick.VolumeLots + (k * _volumePerChunk[s]),
                Amount = tick.Amount + (k * _amountPerChunk[s]),
            };
            engine.AdvanceWatermark(shifted.TimeUnixMs);
            engine.OnTick(_handles[s], shifted);
        }
    }
}
