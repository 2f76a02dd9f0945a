using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// The chaos scenarios' producer: the generated day through the bar engine, its final bars and
/// accepted ticks in batches through a <see cref="RelayFeed"/> whose every batch, resend and reconnect the scenarios
/// can see and steer (the ingest service's own kill is IngestKillScenario). A batch is sealed by
/// market time: when a minute closes or after <see cref="PushesPerSeal"/> pushes without a close
/// (the call auctions), and cut at <paramref name="maxItems"/> bars. A <paramref name="pacing"/>
/// pause after each seal stretches the stream, so faults land mid-stream.
/// </summary>
public sealed class ReplayIngest(MarketDay day, RelayFeed feed, int maxItems, TimeSpan pacing = default)
{
    private const int PushesPerSeal = 20;

    public BatchSink Sink { get; } = new(maxItems);

    public long Ticks { get; private set; }

    public long Batches { get; private set; }

    /// <summary>Replays pushes until the day ends or <paramref name="stopAfterPushes"/> pushes were sent, then closes the day (if it ended).</summary>
    public async Task RunAsync(CancellationToken cancellationToken, int stopAfterPushes = int.MaxValue)
    {
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, new RollupAggregator(Sink));
        var handles = day.Symbols.Select(s => engine.GetHandle(s)).ToArray();
        var sinceSeal = 0;
        var pushes = 0;
        while (pushes < stopAfterPushes && day.Next() is { } push)
        {
            pushes++;
            for (var i = 0; i < push.Count; i++)
            {
                var tick = push.Ticks[i];
                engine.AdvanceWatermark(tick.TimeUnixMs);
                if (engine.OnTick(handles[push.SymbolIndexes[i]], tick).IsAccepted())
                {
                    Sink.AddTick(TickContracts.ToContract(day.Symbols[push.SymbolIndexes[i]], tick, TickBook.Empty, push.TimeUnixMs, tick.TimeUnixMs));
                }
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
