using QuotePlatform.Domain.Reference;

namespace QuotePlatform.Domain.Instruments;

/// <summary>
/// What differs between the instruments of the whole-market push: the price tick, how many shares (fund
/// units, bonds) one unit of QMT's <c>volume</c> counts, and the daily price limit.
/// <para>
/// Sources. Price ticks and limits: the exchanges' trading rules (SSE and SZSE 交易规则 §3: A shares 0.01,
/// funds 0.001; 可转换公司债券交易实施细则, in force 2022-08-01: convertible bonds 0.001 and ±20% from the
/// second day; STAR and ChiNext ±20%, main boards ±10%, Beijing ±30%); indices are computed, not traded,
/// and have no limit. Volume: xtquant's data dictionary ("tick - 分笔数据": <c>volume</c> 成交总量 in lots
/// (手), <c>pvolume</c> the raw count) and its trading API (股票以'股'为单位，债券以'张'为单位): a lot is
/// 100 shares or fund units and 10 bonds (1 手 = 10 张). get_instrument_detail's <c>VolumeMultiple</c> is "合约乘数
/// (对期货以外的品种，默认是1)" (xtquant's xtdata documentation, 获取合约基础信息): it multiplies the lot, and
/// is 1 for every type here. Sessions: all four types trade in the same windows (09:15–09:25 opening call,
/// 09:30–11:30 and 13:00–15:00; xtdata.get_trading_time lists them per code); whether 14:57–15:00 is a
/// closing call differs by exchange and type, and the minute bars do not depend on it: a trade goes to
/// the minute it falls in, the closing match at 15:00 to the 15:00 bar (<see cref="Sessions.TradingSession"/>).
/// </para>
/// </summary>
/// <param name="PriceLimitRatio">The daily limit as a share of the previous close; null when there is none.</param>
public sealed record TradingRules(InstrumentKind Kind, double PriceTick, int UnitsPerLot, double? PriceLimitRatio)
{
    public const int SharesPerLot = 100;
    public const int BondsPerLot = 10;

    private static readonly TradingRules MainBoardStock = new(InstrumentKind.Stock, 0.01, SharesPerLot, 0.10);
    private static readonly TradingRules GrowthBoardStock = new(InstrumentKind.Stock, 0.01, SharesPerLot, 0.20);
    private static readonly TradingRules BeijingStock = new(InstrumentKind.Stock, 0.01, SharesPerLot, 0.30);
    private static readonly TradingRules IndexRules = new(InstrumentKind.Index, 0.01, SharesPerLot, null);
    private static readonly TradingRules EtfRules = new(InstrumentKind.Etf, 0.001, SharesPerLot, 0.10);
    private static readonly TradingRules StarEtf = new(InstrumentKind.Etf, 0.001, SharesPerLot, 0.20);
    private static readonly TradingRules FundRules = new(InstrumentKind.Fund, 0.001, SharesPerLot, 0.10);
    private static readonly TradingRules BondRules = new(InstrumentKind.Bond, 0.001, BondsPerLot, 0.20);
    private static readonly TradingRules OtherRules = new(InstrumentKind.Other, 0.01, SharesPerLot, null);

    /// <summary>
    /// The rules a code's range implies (SSE 证券代码分配规则, SZSE 证券代码区间): SH 000 indices, 60x/688/689 stocks,
    /// 51x/52x/56x/58x ETFs, 50x funds, 110/111/113/118 convertible bonds; SZ 399 indices, 00x/30x stocks,
    /// 159 ETFs, 15x/16x/18x funds, 123/127/128 convertible bonds; BJ 899 indices, the rest stocks. A code
    /// outside these ranges is <see cref="InstrumentKind.Other"/>, counted in lots of 100 like a stock.
    /// </summary>
    public static TradingRules ForCode(ReadOnlySpan<char> symbol)
    {
        if (symbol.Length < 9 || symbol[6] != '.')
        {
            return OtherRules;
        }

        var exchange = symbol[7..];
        var head = symbol[..3];
        if (exchange is "SH")
        {
            return head switch
            {
                "000" => IndexRules,
                "600" or "601" or "603" or "605" or "689" => MainBoardStock,
                "688" => GrowthBoardStock,
                "588" or "589" => StarEtf,
                "110" or "111" or "113" or "118" => BondRules,
                _ when head[..2] is "51" or "52" or "56" or "58" => EtfRules,
                _ when head[..2] is "50" => FundRules,
                _ => OtherRules,
            };
        }

        if (exchange is "SZ")
        {
            return head switch
            {
                "399" => IndexRules,
                "000" or "001" or "002" or "003" => MainBoardStock,
                "300" or "301" => GrowthBoardStock,
                "159" => EtfRules,
                "123" or "127" or "128" => BondRules,
                _ when head[..2] is "15" or "16" or "18" => FundRules,
                _ => OtherRules,
            };
        }

        return exchange is "BJ" ? head is "899" ? IndexRules : BeijingStock : OtherRules;
    }

    /// <summary>
    /// The rules of an instrument as the terminal describes it: its type, price tick and volume multiple from
    /// get_instrument_detail / get_instrument_type, its limit from that day's limit prices; what the terminal
    /// leaves out (0) comes from the code's range.
    /// </summary>
    public static TradingRules ForDetail(InstrumentDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var byCode = ForCode(detail.Symbol);
        var kind = ParseKind(detail.Type, byCode.Kind);
        var lot = kind == InstrumentKind.Bond ? BondsPerLot : SharesPerLot;
        var limit = detail.PreClose > 0 && detail.UpStopPrice > 0
            ? Math.Round((detail.UpStopPrice / detail.PreClose) - 1, 2)
            : kind == InstrumentKind.Index ? null : byCode.PriceLimitRatio;
        return new TradingRules(kind, detail.PriceTick > 0 ? detail.PriceTick : byCode.PriceTick,
            lot * Math.Max(1, detail.VolumeMultiple), limit);
    }

    /// <summary>get_instrument_type's word ("stock", "index", "etf", "fund", "bond") as a kind.</summary>
    public static InstrumentKind ParseKind(string type, InstrumentKind fallback = InstrumentKind.Other) =>
        type.ToUpperInvariant() switch
        {
            "STOCK" => InstrumentKind.Stock,
            "INDEX" => InstrumentKind.Index,
            "ETF" => InstrumentKind.Etf,
            "FUND" => InstrumentKind.Fund,
            "BOND" => InstrumentKind.Bond,
            _ => fallback,
        };
}
