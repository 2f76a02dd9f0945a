namespace QuotePlatform.Domain.Bars;

/// <summary>Bits of a bar's quality flags; values mirror quoteplatform.marketdata.v1.BarQuality.</summary>
[Flags]
public enum BarQuality : uint
{
    None = 0,

    /// <summary>The feed started after the bar began: trades before it are left to the backfill.</summary>
    Partial = 1,

    /// <summary>No trade in the bar: flat at the previous close, volume 0.</summary>
    Flat = 2,

    /// <summary>Holds volume of ticks that arrived after their own bar had closed.</summary>
    LateVolume = 4,

    /// <summary>QMT's separate 09:30 opening-auction bar.</summary>
    Auction = 8,

    /// <summary>Imported from the terminal's history; a bar the live engine stored for the frame wins over it.</summary>
    Imported = 16,

    /// <summary>With <see cref="Imported"/>: the import replaces stored bars (backfill --replace).</summary>
    ImportReplaces = 32,
}
