using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Domain.Synthesis;

/// <summary>
/// Everything the engine remembers about one symbol, kept in an array of structs so a tick touches
/// one cache-friendly slot and allocates nothing. Invariant: a forming bar is always in slot
/// <see cref="EmittedThrough"/> + 1, because moving to a later slot first closes the earlier ones.
/// </summary>
internal struct SymbolState
{
    public const long NoDay = long.MinValue;

    public string Symbol;

    /// <summary>Shares (fund units, bonds) one lot of the feed's volume counts: 100, or 10 for bonds.</summary>
    public int UnitsPerLot;

    /// <summary>Beijing day number of the session in progress, or <see cref="NoDay"/>.</summary>
    public long Day;

    public long LastTimeUnixMs;

    /// <summary>Cumulative volume (lots) and amount already counted into bars or deliberately skipped.</summary>
    public long BaseVolumeLots;
    public double BaseAmount;

    /// <summary>Day high/low of the previous accepted tick of the day (0 = no trade yet).</summary>
    public double PreviousDayHigh;
    public double PreviousDayLow;

    public int FirstSlot;
    public bool FirstSlotPartial;
    public int EmittedThrough;

    /// <summary>Close of the last closed bar: the price of flat bars (0 = no reference yet).</summary>
    public double LastBarClose;
    public bool Suspended;

    public int FormingSlot;
    public double Open;
    public double High;
    public double Low;
    public double Close;
    public long VolumeLots;
    public double Amount;
    public BarQuality Quality;

    public SymbolState(string symbol, int unitsPerLot)
    {
        Symbol = symbol;
        UnitsPerLot = unitsPerLot;
        Day = NoDay;
        LastTimeUnixMs = long.MinValue;
        FormingSlot = -1;
    }
}
