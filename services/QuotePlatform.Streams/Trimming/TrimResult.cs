namespace QuotePlatform.Streams.Trimming;

/// <param name="Removed">Entries removed by this pass.</param>
/// <param name="Length">Entries left.</param>
/// <param name="OldestNeededBy">The consumer group whose unread or pending entries are the oldest
/// ones kept (the group that holds trimming back), or null when no group is registered.</param>
public sealed record TrimResult(long Removed, long Length, string? OldestNeededBy);
