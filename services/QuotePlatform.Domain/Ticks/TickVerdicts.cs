namespace QuotePlatform.Domain.Ticks;

public static class TickVerdicts
{
    public const int Count = 8;

    public static bool IsAccepted(this TickVerdict verdict) => verdict <= TickVerdict.AcceptedAfterDayClosed;

    /// <summary>Stable snake_case names for summaries and metrics.</summary>
    public static string ToCode(this TickVerdict verdict) => verdict switch
    {
        TickVerdict.Accepted => "accepted",
        TickVerdict.AcceptedLate => "late",
        TickVerdict.AcceptedAfterDayClosed => "late_after_close",
        TickVerdict.RejectedBadSymbol => "bad_symbol",
        TickVerdict.RejectedDuplicate => "duplicate",
        TickVerdict.RejectedOlder => "older",
        TickVerdict.RejectedVolumeBackwards => "volume_backwards",
        TickVerdict.RejectedBadPrice => "bad_price",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };
}
