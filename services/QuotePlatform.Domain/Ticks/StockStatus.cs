namespace QuotePlatform.Domain.Ticks;

/// <summary>
/// xtquant's stock status codes that mean "not trading: invent no flat bars".
/// What is known (dict.thinktrader.net, xtdata data structures): the whole-quote tick carries
/// <c>stockStatus</c> ("证券状态", int); for stocks <c>openInt</c> carries the same status in the
/// newer numbering, where the vendor's table lists 17 = temporary halt (临时停牌, P) and
/// 20 = halted until the close (暂停交易至闭市, N); 0 and 10 are "unknown/default" and 11–16, 18, 19,
/// 22, 23 are the normal phases (pre-open, auctions, continuous, break, closed, after-hours).
/// Older feeds report a plain 1 for a suspended (停牌) stock.
/// We therefore treat 1, 17 and 20 as suspended. A tick that shows new volume always makes its bar,
/// whatever the status says, so a wrong code can hide flat bars but never trades.
/// </summary>
public static class StockStatus
{
    public static IReadOnlyList<int> DefaultSuspendedCodes { get; } = [1, 17, 20];
}
