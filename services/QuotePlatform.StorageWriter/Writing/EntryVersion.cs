namespace QuotePlatform.StorageWriter.Writing;

/// <summary>
/// The bars table's version for the bars of one entry: its stream id, "ms-seq", packed into 64 bits.
/// A redelivery carries the same id (same version, a true duplicate); a later correction of the
/// same bar comes in a later entry of the same shard (higher id), so it wins.
/// </summary>
public static class EntryVersion
{
    private const int SequenceBits = 22;
    private const long MaxSequence = (1L << SequenceBits) - 1;

    public static ulong Of(string streamId)
    {
        var dash = streamId.IndexOf('-', StringComparison.Ordinal);
        var ms = ulong.Parse(streamId.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture);
        var seq = long.Parse(streamId.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
        return (ms << SequenceBits) | (ulong)Math.Min(seq, MaxSequence);
    }
}
