namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>A symbol's ticks in brief: how many, and the sum of their times (a tick replaced by another shows).</summary>
public readonly record struct TickTally(long Count, long TimeSum)
{
    public TickTally Add(long timeUnixMs) => new(Count + 1, TimeSum + timeUnixMs);
}
