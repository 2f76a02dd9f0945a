using System.Runtime.InteropServices;
using QuotePlatform.Benchmarks.FullMarket.Market;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Batching;

namespace QuotePlatform.Benchmarks.FullMarket.Ingest;

/// <summary>
/// What the ingest batches between two seals: every final bar, the latest forming bar and the
/// latest quote of each symbol (a forming bar superseded by its final one is dropped). Sealing cuts
/// it into requests of at most <paramref name="maxItems"/> items, final bars first. Without
/// <paramref name="live"/> only final bars are batched (a replay has no live subscriber to show
/// forming bars and quotes to).
/// </summary>
public sealed class BatchSink(MarketDay day, int maxItems, bool live = true) : IBarSink
{
    private readonly List<Contracts.MarketData.V1.Bar> _final = [];
    private readonly Dictionary<string, Bar> _forming = new(StringComparer.Ordinal);
    private readonly MarketTick[] _lastTick = new MarketTick[day.Symbols.Count];
    private readonly bool[] _changed = new bool[day.Symbols.Count];
    private readonly List<int> _changedSymbols = [];
    private long _closedThroughFrame = long.MinValue;

    public int PendingFinal => _final.Count;

    public int PendingItems => _final.Count + _forming.Count + _changedSymbols.Count;

    /// <summary>Final bars handed out by <see cref="Seal"/>, by (period, frame): what the pipeline must store.</summary>
    public event Action<IReadOnlyList<Contracts.MarketData.V1.Bar>>? FinalSealed;

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            _final.Add(WireMapping.ToContract(bar));
            if (bar.Period == BarPeriod.OneMinute)
            {
                _closedThroughFrame = Math.Max(_closedThroughFrame, bar.FrameUnixMs);
            }
        }
        else if (live)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_forming, bar.Symbol, out _) = bar;
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    public void OnTick(int symbol, in MarketTick tick)
    {
        _lastTick[symbol] = tick;
        if (live && !_changed[symbol])
        {
            _changed[symbol] = true;
            _changedSymbols.Add(symbol);
        }
    }

    public List<PublishRequest> Seal(long createdUnixMs)
    {
        var batches = new List<PublishRequest>();
        var current = new PublishRequest { CreatedUnixMs = createdUnixMs };
        void Room()
        {
            if (current.Bars.Count + current.Quotes.Count >= maxItems)
            {
                batches.Add(current);
                current = new PublishRequest { CreatedUnixMs = createdUnixMs };
            }
        }

        foreach (var bar in _final)
        {
            Room();
            current.Bars.Add(bar);
        }

        foreach (var bar in _forming.Values)
        {
            if (bar.FrameUnixMs > _closedThroughFrame)
            {
                Room();
                current.Bars.Add(WireMapping.ToContract(bar));
            }
        }

        foreach (var symbol in _changedSymbols)
        {
            Room();
            current.Quotes.Add(Wire.ToQuote(day.Symbols[symbol], _lastTick[symbol], day.OpenOf(symbol)));
            _changed[symbol] = false;
        }

        if (current.Bars.Count + current.Quotes.Count > 0)
        {
            batches.Add(current);
        }

        if (_final.Count > 0)
        {
            FinalSealed?.Invoke([.. _final]);
        }

        _final.Clear();
        _forming.Clear();
        _changedSymbols.Clear();
        return batches;
    }
}
