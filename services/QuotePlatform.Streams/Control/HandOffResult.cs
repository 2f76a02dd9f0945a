namespace QuotePlatform.Streams.Control;

/// <summary>What removing a consumer did with its pending entries, summed over the streams.</summary>
/// <param name="Removed">Streams the consumer was deleted from.</param>
/// <param name="Moved">Pending entries given to another consumer of the group.</param>
/// <param name="Kept">Pending entries left with the consumer (no other consumer to take them), which therefore stays.</param>
/// <param name="Dropped">Pending entries deleted with the consumer (only when asked to).</param>
/// <param name="MovedTo">The consumers that received entries.</param>
public sealed record HandOffResult(int Removed, long Moved, long Kept, long Dropped, IReadOnlyList<string> MovedTo);
