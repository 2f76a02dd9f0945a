namespace QuotePlatform.Query.Live;

/// <summary>Raised by the read loop when an administrator asked this consumer to stop.</summary>
public sealed class LiveStopRequestedException() : Exception("an administrator asked this consumer to stop");
