using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Spool;
using WireBar = QuotePlatform.Contracts.MarketData.V1.Bar;

namespace QuotePlatform.Ingest.Batching;

/// <summary>
/// Collects what the engine produces into batches: every final bar of the chosen periods, and only
/// the latest forming update per symbol and period and the latest quote per symbol (older ones in
/// the same batch are superseded, so sending them would only cost bandwidth). A batch closes at
/// <paramref name="maxItems"/> items or when the owner calls <see cref="Seal"/> (its delay is up).
/// Outputs are numbered per step so a replay can skip what the spool already holds (<see cref="ResumePoint"/>).
/// One thread (the engine's) drives it.
/// </summary>
public sealed class BatchBuilder(IReadOnlyCollection<BarPeriod> periods, int maxItems, string producerId, TimeProvider time, ResumePoint skipThrough) : IBarSink
{
    private readonly HashSet<BarPeriod> _periods = [.. periods];
    private readonly Dictionary<(string Symbol, BarPeriod Period), WireBar> _forming = [];
    private readonly Dictionary<string, (MarketTick Tick, TickBook Book, long ReceivedUnixMs)> _quotes = new(StringComparer.Ordinal);
    private readonly Queue<SealedBatch> _sealed = new();
    private PublishRequest _current = new();
    private int _finalBars;
    private long _step;
    private int _output;
    private ulong _sourceHash;

    /// <summary>When the first item of the open batch came (TimeProvider timestamp), or null when it is empty.</summary>
    public long? OpenedAt { get; private set; }

    /// <summary>Outputs skipped because the spool already holds them (a resumed replay).</summary>
    public long Skipped { get; private set; }

    public bool HasOpenBatch => OpenedAt is not null;

    /// <summary>The next push (or the final flush) starts: its outputs are numbered from 1.</summary>
    public void BeginStep(ulong sourceHash, long step)
    {
        _sourceHash = sourceHash;
        _step = step;
        _output = 0;
    }

    public void OnBar(in Bar bar)
    {
        if (!_periods.Contains(bar.Period) || SkipOutput())
        {
            return;
        }

        var key = (bar.Symbol, bar.Period);
        if (bar.Final)
        {
            _current.Bars.Add(WireMapping.ToContract(bar));
            _finalBars++;
            if (_forming.TryGetValue(key, out var forming) && forming.FrameUnixMs == bar.FrameUnixMs)
            {
                _forming.Remove(key);
            }
        }
        else
        {
            _forming[key] = WireMapping.ToContract(bar);
        }

        Added();
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    /// <param name="receivedUnixMs">When the push carrying the tick was received (TickPush.ReceivedUnixMs); the quote carries it.</param>
    public void AddQuote(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs = 0)
    {
        if (SkipOutput())
        {
            return;
        }

        _quotes[symbol] = (tick, book, receivedUnixMs);
        Added();
    }

    /// <summary>Closes the open batch, if it holds anything.</summary>
    public void Seal()
    {
        if (OpenedAt is null)
        {
            return;
        }

        var forming = _forming.Count;
        _current.Bars.AddRange(_forming.Values);
        foreach (var (symbol, (tick, book, received)) in _quotes)
        {
            _current.Quotes.Add(WireMapping.ToQuote(symbol, tick, book, received));
        }

        _current.ProducerId = producerId;
        _current.CreatedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        _sealed.Enqueue(new SealedBatch(_current, new ResumePoint(_sourceHash, _step, _output), _finalBars, forming));
        _current = new PublishRequest();
        _forming.Clear();
        _quotes.Clear();
        _finalBars = 0;
        OpenedAt = null;
    }

    public bool TryTake(out SealedBatch batch) => _sealed.TryDequeue(out batch!);

    private bool SkipOutput()
    {
        _output++;
        if (skipThrough.SourceHash == _sourceHash && skipThrough.Covers(_step, _output))
        {
            Skipped++;
            return true;
        }

        return false;
    }

    private void Added()
    {
        OpenedAt ??= time.GetTimestamp();
        if (_current.Bars.Count + _forming.Count + _quotes.Count >= maxItems)
        {
            Seal();
        }
    }
}
