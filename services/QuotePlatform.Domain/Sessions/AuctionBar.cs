namespace QuotePlatform.Domain.Sessions;

/// <summary>Where the 09:25 opening-auction trade goes.</summary>
public enum AuctionBar
{
    /// <summary>Into the first bar, 09:31: the 240-bar layout of most Chinese vendors.</summary>
    Merged = 0,

    /// <summary>Into its own 09:30 bar: QMT's 241-bar layout.</summary>
    Separate = 1,
}
