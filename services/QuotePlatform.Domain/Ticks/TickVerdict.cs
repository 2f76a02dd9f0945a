namespace QuotePlatform.Domain.Ticks;

/// <summary>What the engine did with a tick. Rejected ticks change nothing but their counter.</summary>
public enum TickVerdict
{
    Accepted = 0,

    /// <summary>Accepted, but its bar had already closed: its volume went into the next open bar.</summary>
    AcceptedLate = 1,

    /// <summary>Accepted, but its bar had closed and the day is over: the volume is in no bar.</summary>
    AcceptedAfterDayClosed = 2,

    RejectedBadSymbol = 3,

    /// <summary>Same time as the symbol's last accepted tick.</summary>
    RejectedDuplicate = 4,

    /// <summary>Earlier than the symbol's last accepted tick.</summary>
    RejectedOlder = 5,

    RejectedVolumeBackwards = 6,

    /// <summary>Price not finite, negative, or zero although volume grew; or negative volume.</summary>
    RejectedBadPrice = 7,
}
