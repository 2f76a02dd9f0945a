namespace QuotePlatform.Domain.Instruments;

/// <summary>
/// What an instrument is, in the words of xtquant's get_instrument_type ("stock", "index", "etf", "fund",
/// "bond"; anything else is <see cref="Other"/>).
/// </summary>
public enum InstrumentKind
{
    Other,
    Stock,
    Index,
    Etf,
    Fund,
    /// <summary>Exchange-traded bonds; in the default sectors the convertible bonds (沪深转债).</summary>
    Bond,
}
