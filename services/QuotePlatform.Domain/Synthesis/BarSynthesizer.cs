using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Synthesis;

/// <summary>
/// Turns whole-market tick snapshots into 1m bars that follow the vendor conventions (see
/// ARCHITECTURE.md). Live: call <see cref="OnTick(int, in MarketTick)"/> per tick and
/// <see cref="AdvanceWatermark(long)"/> from a clock; offline: advance the watermark to the latest tick
/// time before each tick and call <see cref="Flush"/> at the end. Not thread-safe: one thread drives it.
/// No allocation per tick once every symbol has been seen.
/// </summary>
public sealed class BarSynthesizer
{
    private const int NoSlot = -1;
    private const int AfterLastSlot = TradingSession.LastSlot + 1;

    private readonly IBarSink _sink;
    private readonly AuctionBar _layout;
    private readonly bool _emitForming;
    private readonly long _graceMs;
    private readonly int[] _suspendedCodes;
    private readonly Dictionary<string, int> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _handlesBySpan;
    private readonly long[] _verdictCounts = new long[TickVerdicts.Count];
    private SymbolState[] _symbols = new SymbolState[1024];
    private int _symbolCount;

    private long _watermarkDay = SymbolState.NoDay;
    private int _closedThrough = NoSlot;
    private long _nextDeadlineUnixMs = long.MinValue;

    public BarSynthesizer(SynthesisOptions options, IBarSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Grace, TimeSpan.Zero, nameof(options.Grace));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _layout = options.AuctionBar;
        _emitForming = options.EmitForming;
        _graceMs = (long)options.Grace.TotalMilliseconds;
        _suspendedCodes = [.. options.SuspendedStatusCodes];
        _handlesBySpan = _handles.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int SymbolCount => _symbolCount;

    /// <summary>Ticks seen so far by verdict.</summary>
    public long Count(TickVerdict verdict) => _verdictCounts[(int)verdict];

    /// <summary>A handle for a valid symbol (stable for the engine's life), or -1 for an invalid one.</summary>
    public int GetHandle(ReadOnlySpan<char> symbol)
    {
        if (_handlesBySpan.TryGetValue(symbol, out var handle))
        {
            return handle;
        }

        if (!SymbolCode.IsValid(symbol))
        {
            return -1;
        }

        var name = symbol.ToString();
        if (_symbolCount == _symbols.Length)
        {
            Array.Resize(ref _symbols, _symbols.Length * 2);
        }

        handle = _symbolCount++;
        _symbols[handle] = new SymbolState(name, TradingRules.ForCode(name).UnitsPerLot);
        _handles.Add(name, handle);
        return handle;
    }

    public TickVerdict OnTick(ReadOnlySpan<char> symbol, in MarketTick tick) => OnTick(GetHandle(symbol), tick);

    /// <summary>Applies one tick of the symbol with this handle (-1 counts a bad symbol).</summary>
    public TickVerdict OnTick(int handle, in MarketTick tick)
    {
        var verdict = Apply(handle, tick);
        _verdictCounts[(int)verdict]++;
        return verdict;
    }

    /// <summary>
    /// Moves the market's clock: every slot whose end plus grace is now passed closes, emitting the
    /// final bar (flat ones included) of every symbol in session. The 15:00 slot also collects the
    /// closing auction, reported until 15:05, so it closes at 15:05 plus grace.
    /// </summary>
    public void AdvanceWatermark(long unixMs)
    {
        if (unixMs <= _nextDeadlineUnixMs)
        {
            return;
        }

        var day = BeijingTime.DayNumber(unixMs);
        if (day != _watermarkDay)
        {
            if (day < _watermarkDay)
            {
                return;
            }

            if (_watermarkDay != SymbolState.NoDay)
            {
                CloseSlotsThrough(TradingSession.LastSlot);
            }

            CloseSessions(beforeDay: day, afterDay: SymbolState.NoDay);
            _watermarkDay = day;
            _closedThrough = NoSlot;
        }

        while (_closedThrough < TradingSession.LastSlot && unixMs > Deadline(_closedThrough + 1))
        {
            CloseSlotsThrough(_closedThrough + 1);
        }

        _nextDeadlineUnixMs = _closedThrough < TradingSession.LastSlot
            ? Deadline(_closedThrough + 1)
            : BeijingTime.DayStartUnixMs(_watermarkDay + 1) - 1;
    }

    /// <summary>End of input: closes every bar of every session still open.</summary>
    public void Flush()
    {
        if (_watermarkDay != SymbolState.NoDay)
        {
            CloseSlotsThrough(TradingSession.LastSlot);
        }

        // Sessions ahead of the watermark exist only when ticks run ahead of a live clock.
        CloseSessions(beforeDay: long.MaxValue, afterDay: _watermarkDay);
    }

    /// <summary>
    /// Closes sessions of days the market clock skipped or has not reached (a live clock lagging the
    /// ticks, or jumping days): their symbols are finalized and each such day is reported closed.
    /// </summary>
    private void CloseSessions(long beforeDay, long afterDay)
    {
        SortedSet<long>? closed = null;
        for (var handle = 0; handle < _symbolCount; handle++)
        {
            ref var state = ref _symbols[handle];
            if (state.Day != SymbolState.NoDay && state.Day < beforeDay && state.Day > afterDay && state.EmittedThrough < TradingSession.LastSlot)
            {
                FinalizeThrough(ref state, TradingSession.LastSlot);
                (closed ??= []).Add(state.Day);
            }
        }

        if (closed is null)
        {
            return;
        }

        foreach (var day in closed)
        {
            _sink.OnDayClosed(BeijingTime.DayStartUnixMs(day));
        }
    }

    private long Deadline(int slot) => BeijingTime.DayStartUnixMs(_watermarkDay) + _graceMs
        + (slot == TradingSession.LastSlot ? TradingSession.CloseReportingEnd : TradingSession.SlotEnd(slot));

    private void CloseSlotsThrough(int slot)
    {
        if (slot <= _closedThrough)
        {
            return;
        }

        for (var handle = 0; handle < _symbolCount; handle++)
        {
            ref var state = ref _symbols[handle];
            if (state.Day == _watermarkDay && state.EmittedThrough < slot)
            {
                FinalizeThrough(ref state, slot);
            }
        }

        _closedThrough = slot;
        if (slot == TradingSession.LastSlot)
        {
            _sink.OnDayClosed(BeijingTime.DayStartUnixMs(_watermarkDay));
        }
    }

    private TickVerdict Apply(int handle, in MarketTick tick)
    {
        if ((uint)handle >= (uint)_symbolCount)
        {
            return TickVerdict.RejectedBadSymbol;
        }

        ref var state = ref _symbols[handle];
        if (tick.TimeUnixMs <= state.LastTimeUnixMs)
        {
            return tick.TimeUnixMs == state.LastTimeUnixMs ? TickVerdict.RejectedDuplicate : TickVerdict.RejectedOlder;
        }

        var day = BeijingTime.DayNumber(tick.TimeUnixMs);
        var millisecondOfDay = tick.TimeUnixMs + BeijingTime.OffsetMilliseconds - (day * BeijingTime.MillisecondsPerDay);
        var newDay = day != state.Day;
        var fullSession = millisecondOfDay <= TradingSession.ContinuousOpen;
        var baseVolume = !newDay ? state.BaseVolumeLots : fullSession ? 0 : tick.VolumeLots;
        if (tick.VolumeLots < baseVolume)
        {
            return TickVerdict.RejectedVolumeBackwards;
        }

        var grew = tick.VolumeLots > baseVolume;
        if (!double.IsFinite(tick.LastPrice) || tick.LastPrice < 0 || (grew && tick.LastPrice == 0) || tick.VolumeLots < 0)
        {
            return TickVerdict.RejectedBadPrice;
        }

        state.LastTimeUnixMs = tick.TimeUnixMs;
        if (newDay)
        {
            StartDay(ref state, day, millisecondOfDay, fullSession, tick);
        }

        state.Suspended = IsSuspended(tick.Status);
        var verdict = TickVerdict.Accepted;
        var slot = grew ? TradingSession.SlotOfTrade(millisecondOfDay, _layout) : NoSlot;
        if (slot != NoSlot)
        {
            if (slot <= state.EmittedThrough)
            {
                slot = state.EmittedThrough + 1;
                verdict = slot > TradingSession.LastSlot ? TickVerdict.AcceptedAfterDayClosed : TickVerdict.AcceptedLate;
            }

            if (slot <= TradingSession.LastSlot)
            {
                Contribute(ref state, slot, verdict == TickVerdict.AcceptedLate, tick);
            }
        }

        state.BaseVolumeLots = tick.VolumeLots;
        if (tick.Amount > state.BaseAmount)
        {
            state.BaseAmount = tick.Amount;
        }

        state.PreviousDayHigh = tick.High;
        state.PreviousDayLow = tick.Low;
        return verdict;
    }

    private void StartDay(ref SymbolState state, long day, long millisecondOfDay, bool fullSession, in MarketTick tick)
    {
        if (state.Day != SymbolState.NoDay && state.EmittedThrough < TradingSession.LastSlot)
        {
            FinalizeThrough(ref state, TradingSession.LastSlot);
        }

        state.Day = day;
        state.PreviousDayHigh = 0;
        state.PreviousDayLow = 0;
        state.FormingSlot = NoSlot;
        if (fullSession)
        {
            // Seen before the open: the day's cumulative volume is ours from zero.
            state.BaseVolumeLots = 0;
            state.BaseAmount = 0;
            state.FirstSlot = TradingSession.FirstSlot(_layout);
            state.FirstSlotPartial = false;
            state.LastBarClose = tick.LastClose > 0 ? tick.LastClose : 0;
        }
        else
        {
            // The feed started late: this tick only sets the baseline; earlier bars are the backfill's.
            state.BaseVolumeLots = tick.VolumeLots;
            state.BaseAmount = tick.Amount;
            var slot = TradingSession.SlotOfTrade(millisecondOfDay, _layout);
            state.FirstSlot = slot == NoSlot ? AfterLastSlot : slot;
            state.FirstSlotPartial = true;
            state.LastBarClose = tick.LastPrice > 0 ? tick.LastPrice : tick.LastClose > 0 ? tick.LastClose : 0;
        }

        if (day == _watermarkDay && _closedThrough >= state.FirstSlot)
        {
            state.FirstSlot = state.FirstSlotPartial ? _closedThrough + 1 : state.FirstSlot;
        }

        state.EmittedThrough = state.FirstSlot - 1;
        if (day == _watermarkDay && _closedThrough > state.EmittedThrough)
        {
            // A full-session symbol first seen after the clock closed its first bars: they are flat.
            FinalizeThrough(ref state, _closedThrough);
        }
    }

    private void Contribute(ref SymbolState state, int slot, bool late, in MarketTick tick)
    {
        if (slot > state.EmittedThrough + 1)
        {
            // The symbol's next trade is in a later slot: the slots before it are settled now.
            FinalizeThrough(ref state, slot - 1);
        }

        var price = tick.LastPrice;
        if (state.FormingSlot != slot)
        {
            state.FormingSlot = slot;
            state.Open = state.High = state.Low = price;
            state.VolumeLots = 0;
            state.Amount = 0;
            state.Quality = (slot == state.FirstSlot && state.FirstSlotPartial ? BarQuality.Partial : BarQuality.None)
                | (slot == TradingSession.AuctionSlot ? BarQuality.Auction : BarQuality.None);
        }
        else
        {
            state.High = Math.Max(state.High, price);
            state.Low = Math.Min(state.Low, price);
        }

        state.Close = price;

        // The day's extremes moved since the last snapshot: a trade between snapshots set them.
        if (tick.High > state.PreviousDayHigh && double.IsFinite(tick.High))
        {
            state.High = Math.Max(state.High, tick.High);
        }

        if (tick.Low > 0 && (state.PreviousDayLow <= 0 || tick.Low < state.PreviousDayLow))
        {
            state.Low = Math.Min(state.Low, tick.Low);
        }

        state.VolumeLots += tick.VolumeLots - state.BaseVolumeLots;
        if (tick.Amount > state.BaseAmount)
        {
            state.Amount += tick.Amount - state.BaseAmount;
        }

        if (late)
        {
            state.Quality |= BarQuality.LateVolume;
        }

        if (_emitForming)
        {
            _sink.OnBar(FormingBar(ref state, final: false));
        }
    }

    private void FinalizeThrough(ref SymbolState state, int slot)
    {
        for (var next = state.EmittedThrough + 1; next <= slot; next++)
        {
            if (next == state.FormingSlot)
            {
                _sink.OnBar(FormingBar(ref state, final: true));
                state.LastBarClose = state.Close;
                state.FormingSlot = NoSlot;
            }
            else if (!state.Suspended && state.LastBarClose > 0)
            {
                var quality = BarQuality.Flat
                    | (next == state.FirstSlot && state.FirstSlotPartial ? BarQuality.Partial : BarQuality.None)
                    | (next == TradingSession.AuctionSlot ? BarQuality.Auction : BarQuality.None);
                var price = state.LastBarClose;
                _sink.OnBar(new Bar(state.Symbol, BarPeriod.OneMinute, TradingSession.SlotEndUnixMs(state.Day, next),
                    price, price, price, price, 0, 0, Final: true, quality));
            }
        }

        if (slot > state.EmittedThrough)
        {
            state.EmittedThrough = slot;
        }
    }

    private static Bar FormingBar(ref SymbolState state, bool final) => new(
        state.Symbol, BarPeriod.OneMinute, TradingSession.SlotEndUnixMs(state.Day, state.FormingSlot),
        state.Open, state.High, state.Low, state.Close, state.VolumeLots * state.UnitsPerLot, state.Amount, final, state.Quality);

    private bool IsSuspended(int status)
    {
        foreach (var code in _suspendedCodes)
        {
            if (code == status)
            {
                return true;
            }
        }

        return false;
    }
}
