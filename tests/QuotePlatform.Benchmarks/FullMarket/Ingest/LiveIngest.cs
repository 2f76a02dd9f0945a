using System.Diagnostics;
using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// The ingest at the market's own pace: the generated day is delivered on a market clock that runs
/// at wall-clock speed from <paramref name="startMillisecondOfDay"/> (pushes before it are fed at
/// once, as the first snapshot catches a terminal up), each push one second after its slot, so its
/// ticks are in the past as in QMT. Bars close by the clock (the engine's watermark follows it every
/// <see cref="ClockStep"/>); every push and every close is sealed into batches at once.
/// </summary>
public sealed class LiveIngest(MarketDay day, RelayFeed feed, int maxItems, long startMillisecondOfDay, TimeProvider time)
{
    private const long DeliveryDelayMs = 1_000;
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(100);

    private long _clockOffsetMs;
    private long _startUnixMs;

    public BatchSink Sink { get; } = new(day, maxItems);

    public long Ticks { get; private set; }

    public int Pushes { get; private set; }

    public long Batches { get; private set; }

    /// <summary>The market time the engine's watermark last moved to (epoch ms).</summary>
    public long Watermark { get; private set; }

    /// <summary>Called after a push was sealed and handed to the feed: the push's arrival (Stopwatch timestamp), its last symbol and tick time.</summary>
    public event Action<long, string, long>? PushSent;

    public long MarketNow() => time.GetUtcNow().ToUnixTimeMilliseconds() + _clockOffsetMs;

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var engine = new BarSynthesizer(new SynthesisOptions(), new RollupAggregator(Sink));
        var handles = day.Symbols.Select(s => engine.GetHandle(s)).ToArray();
        _startUnixMs = day.DayStartUnixMs + startMillisecondOfDay;
        _clockOffsetMs = _startUnixMs - time.GetUtcNow().ToUnixTimeMilliseconds();
        var end = MarketNow() + (long)duration.TotalMilliseconds;
        while (MarketNow() < end && !cancellationToken.IsCancellationRequested)
        {
            var due = day.NextPushUnixMs + DeliveryDelayMs;
            if (due <= MarketNow() && due - DeliveryDelayMs < end)
            {
                var arrived = Stopwatch.GetTimestamp();
                var push = day.Next()!;
                for (var i = 0; i < push.Count; i++)
                {
                    engine.OnTick(handles[push.SymbolIndexes[i]], push.Ticks[i]);
                    Sink.OnTick(push.SymbolIndexes[i], push.Ticks[i]);
                }

                Ticks += push.Count;
                Pushes++;
                var last = push.Count > 0 ? (day.Symbols[push.SymbolIndexes[push.Count - 1]], push.Ticks[push.Count - 1].TimeUnixMs) : (null, 0);
                await SealAsync(cancellationToken);
                // Pushes replayed at once to catch up to the start are not live: no latency figure for them.
                if (last.Item1 is not null && push.TimeUnixMs >= _startUnixMs)
                {
                    PushSent?.Invoke(arrived, last.Item1, last.Item2);
                }

                continue;
            }

            Watermark = MarketNow();
            engine.AdvanceWatermark(Watermark);
            if (Sink.PendingFinal > 0)
            {
                await SealAsync(cancellationToken);
            }

            var wait = TimeSpan.FromMilliseconds(Math.Clamp(due - MarketNow(), 1, ClockStep.TotalMilliseconds));
            await Task.Delay(wait, time, cancellationToken);
        }

        Watermark = MarketNow();
        engine.AdvanceWatermark(Watermark);
        await SealAsync(cancellationToken);
    }

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in Sink.Seal(MarketNow()))
        {
            await feed.SendAsync(batch, cancellationToken);
            Batches++;
        }
    }
}
