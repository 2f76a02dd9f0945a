namespace QuotePlatform.Domain.Reference;

/// <summary>How prices are adjusted for dividends: raw (as traded), front (前复权) or back (后复权).</summary>
public enum PriceAdjustment
{
    None,
    Front,
    Back,
}
