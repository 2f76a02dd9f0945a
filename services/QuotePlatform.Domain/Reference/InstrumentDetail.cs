namespace QuotePlatform.Domain.Reference;

/// <summary>
/// What the terminal says about an instrument on one trading date (xtdata.get_instrument_detail, and the type
/// from get_instrument_type): name, exchange, type ("stock", "index", "etf", "fund", "bond", "other"), listing
/// date, price tick, that day's limit prices and previous close, float and total shares, volume multiple and
/// status (InstrumentStatus: days suspended, 0 when trading).
/// </summary>
public sealed record InstrumentDetail(
    string Symbol,
    DateOnly TradingDate,
    string Name,
    string Exchange,
    string Type,
    DateOnly? ListedOn,
    double PriceTick,
    double UpStopPrice,
    double DownStopPrice,
    double PreClose,
    double FloatShares,
    double TotalShares,
    int VolumeMultiple,
    int InstrumentStatus);
