namespace QuotePlatform.Testing;

/// <summary>
/// The system clock moved by a fixed offset: a service under test lives on another date (say the last
/// weekday, when bars of a weekend would be refused) while its timers and delays run in real time.
/// </summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
