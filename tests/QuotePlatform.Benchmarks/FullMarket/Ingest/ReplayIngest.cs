using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// The ingest pipeline replaying a recorded day as fast as it can: ticks → bar engine (forming bars
/// on, as live) → batches → relay. At 1,000× the tick clock a wall-clock batch delay means nothing,
/// so a batch is sealed by market time: when a minute closes (its final bars and roll-ups, the
/// latest forming bar and quote of every symbol) or after <see cref="PushesPerSeal"/> pushes without
/// a close (the call auctions), and cut at <paramref name="maxItems"/> items. With
/// <paramref name="live"/> false only final bars travel (and the engine emits no forming bars). A
/// <paramref name="pacing"/> pause after each seal stretches the stream (chaos runs inject faults mid-stream).
/// </summary>
public sealed class ReplayIngest(MarketDay day, RelayFeed feed, int maxItems, bool live = false, TimeSpan pacing = default)
{
    private const int PushesPerSeal = 20;

    public BatchSink Sink { get; } = new(day, maxItems, live);

    public long Ticks { get; private set; }

    public long Batches { get; private set; }

    /// <summary>Replays pushes until the day ends or <paramref name="stopAfterPushes"/> pushes were sent, then closes the day (if it ended).</summary>
    public async Task RunAsync(CancellationToken cancellationToken, int stopAfterPushes = int.MaxValue)
    {
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = live }, new RollupAggregator(Sink));
        var handles = day.Symbols.Select(s => engine.GetHandle(s)).ToArray();
        var sinceSeal = 0;
        var pushes = 0;
        while (pushes < stopAfterPushes && day.Next() is { } push)
        {
            pushes++;
            for (var i = 0; i < push.Count; i++)
            {
                engine.AdvanceWatermark(push.Ticks[i].TimeUnixMs);
                engine.OnTick(handles[push.SymbolIndexes[i]], push.Ticks[i]);
                Sink.OnTick(push.SymbolIndexes[i], push.Ticks[i]);
            }

            Ticks += push.Count;
            if (Sink.PendingFinal > 0 || ++sinceSeal >= PushesPerSeal)
            {
                await SealAsync(push.TimeUnixMs, cancellationToken);
                sinceSeal = 0;
            }
        }

        if (pushes < stopAfterPushes)
        {
            engine.Flush();
        }

        await SealAsync(day.DayStartUnixMs, cancellationToken);
    }

    private async Task SealAsync(long createdUnixMs, CancellationToken cancellationToken)
    {
        foreach (var batch in Sink.Seal(createdUnixMs))
        {
            await feed.SendAsync(batch, cancellationToken);
            Batches++;
        }

        if (pacing > TimeSpan.Zero)
        {
            await Task.Delay(pacing, cancellationToken);
        }
    }
}
