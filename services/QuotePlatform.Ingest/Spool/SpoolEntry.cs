namespace QuotePlatform.Ingest.Spool;

/// <summary>A batch in the spool not yet known to be acknowledged, and where its record lies.</summary>
public sealed class SpoolEntry(ulong sequence, int bars, ResumePoint position, int segment, long offset, int recordLength, byte[]? payload)
{
    public ulong Sequence { get; } = sequence;

    /// <summary>Bars in the batch (final and forming), for the success ratio.</summary>
    public int Bars { get; } = bars;

    internal ResumePoint Position { get; } = position;

    internal int Segment { get; } = segment;

    internal long Offset { get; } = offset;

    internal int RecordLength { get; } = recordLength;

    /// <summary>The PublishRequest bytes when kept in memory; null when they must be read from the segment.</summary>
    internal byte[]? Payload { get; set; } = payload;

    internal bool Acked { get; set; }
}
