using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Verify;

/// <summary>One symbol's derived bars against its stored ones: what differs, what is missing, what is extra.</summary>
internal sealed class SymbolVerdict(string symbol)
{
    public string Symbol { get; } = symbol;

    public int Bars { get; set; }

    /// <summary>Derived bars whose stored bar has other values (the derived one listed).</summary>
    public List<(Bar Derived, BarStoredValues Stored)> Differing { get; } = [];

    /// <summary>Derived bars with no stored bar.</summary>
    public List<Bar> Missing { get; } = [];

    /// <summary>Stored bars the ticks do not make.</summary>
    public List<BarStoredValues> Extra { get; } = [];

    public bool Agrees => Differing.Count == 0 && Missing.Count == 0 && Extra.Count == 0;
}

/// <summary>A stored bar's key and values, as read back.</summary>
internal readonly record struct BarStoredValues(BarPeriod Period, long FrameUnixMs, double Open, double High, double Low, double Close, long VolumeShares, double AmountCny, uint QualityFlags);
