using System.Threading.Channels;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Sources;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// The generated day as the real ingest's source: every push handed to its pipeline as fast as it
/// takes them, as a recording is replayed (bars close by the data's clock). Books are left empty:
/// a replay at this speed has no one to show them to, and 25 M of them would only cost memory.
/// </summary>
public sealed class MarketDayTickSource(Func<MarketDay> createDay, TimeProvider time) : IReplayableTickSource
{
    private long _ticks;

    public ulong InputHash => 0x51_50_46_4D_44_41_59; // "QPFMDAY": the same generated day every run.

    public long Ticks => Interlocked.Read(ref _ticks);

    public async Task RunAsync(ChannelWriter<TickPush> pushes, CancellationToken cancellationToken)
    {
        var day = createDay();
        while (day.Next() is { } push)
        {
            var ticks = new SourceTick[push.Count];
            for (var i = 0; i < push.Count; i++)
            {
                ticks[i] = new SourceTick(day.Symbols[push.SymbolIndexes[i]], push.Ticks[i], TickBook.Empty);
            }

            await pushes.WriteAsync(new TickPush(time.GetUtcNow().ToUnixTimeMilliseconds(), ticks), cancellationToken);
            Interlocked.Add(ref _ticks, push.Count);
        }
    }
}
