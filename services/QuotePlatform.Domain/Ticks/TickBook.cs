namespace QuotePlatform.Domain.Ticks;

/// <summary>
/// The fields of a tick that bars do not need but a latest quote shows: the day's open and the
/// order book (best first; volumes in lots, as the feed sends them), and the fields only the tick
/// archive keeps (pvolume in shares, transactionNum; 0 when the feed did not carry them).
/// </summary>
public sealed record TickBook(
    double Open, double[] BidPrices, long[] BidVolumes, double[] AskPrices, long[] AskVolumes, long PVolume = 0, long TransactionNum = 0)
{
    public static TickBook Empty { get; } = new(0, [], [], [], []);
}
