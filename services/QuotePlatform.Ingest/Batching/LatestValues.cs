using System.Runtime.InteropServices;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Batching;

/// <summary>
/// The latest forming bar per (symbol, period) and the latest quote per symbol not sent yet, listed
/// in the order their symbols first got one. Kept per symbol: the engine emits a quote and a forming
/// bar per period for each tick of one symbol in a row, so that run costs one lookup, not one per
/// output (a full-market day at full speed is some 170 M of them).
/// </summary>
internal sealed class LatestValues
{
    private readonly Dictionary<string, SymbolLatest> _bySymbol = new(StringComparer.Ordinal);
    private readonly List<SymbolLatest> _pending = [];
    private SymbolLatest? _last;

    public int FormingCount { get; private set; }

    public int QuoteCount { get; private set; }

    public bool Any => FormingCount + QuoteCount > 0;

    /// <returns>True when it superseded an unsent forming bar.</returns>
    public bool SetForming(in Bar bar)
    {
        var slot = Pending(bar.Symbol);
        var period = (int)bar.Period;
        var superseded = slot.HasForming(period);
        if (!superseded)
        {
            slot.FormingMask |= 1 << period;
            FormingCount++;
        }

        slot.Forming[period] = bar;
        return superseded;
    }

    /// <summary>A final bar came: an unsent forming update of its frame is obsolete.</summary>
    /// <returns>True when one was dropped.</returns>
    public bool DropForming(in Bar final)
    {
        var slot = Slot(final.Symbol);
        var period = (int)final.Period;
        if (!slot.HasForming(period) || slot.Forming[period].FrameUnixMs != final.FrameUnixMs)
        {
            return false;
        }

        slot.FormingMask &= ~(1 << period);
        FormingCount--;
        return true;
    }

    /// <returns>True when it superseded an unsent quote.</returns>
    public bool SetQuote(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs)
    {
        var slot = Pending(symbol);
        var superseded = slot.HasQuote;
        if (!superseded)
        {
            slot.HasQuote = true;
            QuoteCount++;
        }

        slot.Quote = (tick, book, receivedUnixMs);
        return superseded;
    }

    public IEnumerable<Bar> Forming()
    {
        foreach (var slot in _pending)
        {
            for (var period = 0; period < slot.Forming.Length; period++)
            {
                if (slot.HasForming(period))
                {
                    yield return slot.Forming[period];
                }
            }
        }
    }

    public IEnumerable<(string Symbol, MarketTick Tick, TickBook Book, long ReceivedUnixMs)> Quotes()
    {
        foreach (var slot in _pending)
        {
            if (slot.HasQuote)
            {
                yield return (slot.Symbol, slot.Quote.Tick, slot.Quote.Book, slot.Quote.ReceivedUnixMs);
            }
        }
    }

    public void Clear()
    {
        foreach (var slot in _pending)
        {
            slot.FormingMask = 0;
            slot.HasQuote = false;
            slot.Quote = default;
            slot.Listed = false;
        }

        _pending.Clear();
        FormingCount = 0;
        QuoteCount = 0;
    }

    private SymbolLatest Pending(string symbol)
    {
        var slot = Slot(symbol);
        if (!slot.Listed)
        {
            slot.Listed = true;
            _pending.Add(slot);
        }

        return slot;
    }

    private SymbolLatest Slot(string symbol)
    {
        if (_last is { } last && (ReferenceEquals(last.Symbol, symbol) || last.Symbol == symbol))
        {
            return last;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySymbol, symbol, out _);
        slot ??= new SymbolLatest(symbol);
        _last = slot;
        return slot;
    }
}
