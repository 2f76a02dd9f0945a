namespace QuotePlatform.Storage.Bars;

/// <summary>
/// The bars table's version for the bars of one entry: its stream id, "ms-seq", packed into 64 bits.
/// A redelivery carries the same id (same version, a true duplicate); a later correction of the
/// same bar comes in a later entry of the same shard (higher id), so it wins.
/// A bar imported from the terminal's history yields to whatever the live engine stored for its
/// frame: its version is shifted into a range below every live version (a live version is at least
/// 2^62 for any stream id after 2001), yet later imports still win over earlier ones. An import run
/// with --replace keeps the entry's own version and so wins like a correction.
/// </summary>
public static class EntryVersion
{
    private const int ImportShift = 24;

    private const int SequenceBits = 22;
    private const long MaxSequence = (1L << SequenceBits) - 1;

    public static ulong Of(string streamId)
    {
        var dash = streamId.IndexOf('-', StringComparison.Ordinal);
        var ms = ulong.Parse(streamId.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture);
        var seq = long.Parse(streamId.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
        return (ms << SequenceBits) | (ulong)Math.Min(seq, MaxSequence);
    }

    /// <summary>The version of one bar of the entry whose version is <paramref name="entryVersion"/>.</summary>
    public static ulong OfBar(ulong entryVersion, uint qualityFlags)
    {
        const uint imported = (uint)Domain.Bars.BarQuality.Imported;
        const uint replaces = (uint)Domain.Bars.BarQuality.ImportReplaces;
        return (qualityFlags & (imported | replaces)) == imported ? entryVersion >> ImportShift : entryVersion;
    }
}
