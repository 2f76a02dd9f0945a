namespace QuotePlatform.Domain.Ticks;

/// <summary>
/// The fields of a tick that bars do not need but a latest quote shows: the day's open and the
/// order book (best first; volumes in lots, as the feed sends them).
/// </summary>
public sealed record TickBook(double Open, double[] BidPrices, long[] BidVolumes, double[] AskPrices, long[] AskVolumes)
{
    public static TickBook Empty { get; } = new(0, [], [], [], []);
}
