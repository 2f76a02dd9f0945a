namespace QuotePlatform.Domain.Reference;

/// <summary>
/// One row of xtdata.get_divid_factors: on <see cref="ExDate"/> a stock pays <see cref="Interest"/> yuan cash per
/// share, gives <see cref="StockBonus"/> (送股) and <see cref="StockGift"/> (转增) shares per share, offers
/// <see cref="AllotNum"/> shares per share at <see cref="AllotPrice"/> (配股); <see cref="Dr"/> is the ex-rights
/// factor (the close before / the reference price), <see cref="Gugai"/> the share-reform figure.
/// </summary>
public readonly record struct DividendEvent(
    DateOnly ExDate,
    double Interest,
    double StockBonus,
    double StockGift,
    double AllotNum,
    double AllotPrice,
    double Gugai,
    double Dr);
