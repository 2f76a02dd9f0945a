namespace QuotePlatform.Streams.Trimming;

/// <summary>How much of a stream to keep: at most <paramref name="MaxEntries"/>, and when
/// <paramref name="MaxAge"/> is set nothing older, unless a consumer group still needs it.</summary>
public sealed record StreamTrimPolicy(long MaxEntries, TimeSpan? MaxAge = null);
