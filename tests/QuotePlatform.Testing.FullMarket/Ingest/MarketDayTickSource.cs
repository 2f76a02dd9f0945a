using System.Threading.Channels;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Sources;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// The generated day as the real ingest's source: every push handed to its pipeline as fast as it
/// takes them, as a recording is replayed (bars close by the data's clock). Each tick carries a
/// five-level book, as the terminal's do, since the tick archive stores it: levels a fen apart around
/// the last price, each level's volume kept from the symbol's previous tick or, three times in ten,
/// drawn anew (an order book changes partly between snapshots).
/// </summary>
public sealed class MarketDayTickSource(Func<MarketDay> createDay, TimeProvider time) : IReplayableTickSource
{
    private const int Levels = 5;
    private readonly Random _random = new(3);
    private long[][] _volumes = [];
    private long _ticks;

    public ulong InputHash => 0x51_50_46_4D_44_41_59; // "QPFMDAY": the same generated day every run.

    public long Ticks => Interlocked.Read(ref _ticks);

    public async Task RunAsync(ChannelWriter<TickPush> pushes, CancellationToken cancellationToken)
    {
        var day = createDay();
        _volumes = [.. day.Symbols.Select(_ => new long[2 * Levels])];
        while (day.Next() is { } push)
        {
            var ticks = new SourceTick[push.Count];
            for (var i = 0; i < push.Count; i++)
            {
                ticks[i] = new SourceTick(day.Symbols[push.SymbolIndexes[i]], push.Ticks[i], Book(push.SymbolIndexes[i], push.Ticks[i].LastPrice));
            }

            await pushes.WriteAsync(new TickPush(time.GetUtcNow().ToUnixTimeMilliseconds(), ticks), cancellationToken);
            Interlocked.Add(ref _ticks, push.Count);
        }
    }

    private TickBook Book(int symbol, double price)
    {
        if (price <= 0)
        {
            return TickBook.Empty;
        }

        var volumes = _volumes[symbol];
        for (var i = 0; i < volumes.Length; i++)
        {
            if (volumes[i] == 0 || _random.NextDouble() < 0.3)
            {
                volumes[i] = 1 + (long)(400 * -Math.Log(1 - _random.NextDouble()));
            }
        }

        var bids = new double[Levels];
        var asks = new double[Levels];
        for (var level = 0; level < Levels; level++)
        {
            bids[level] = Math.Round(price - (0.01 * (level + 1)), 2);
            asks[level] = Math.Round(price + (0.01 * level), 2);
        }

        return new TickBook(0, bids, volumes[..Levels], asks, volumes[Levels..]);
    }
}
