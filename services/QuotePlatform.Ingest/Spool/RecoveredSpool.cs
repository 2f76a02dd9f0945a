namespace QuotePlatform.Ingest.Spool;

/// <summary>What <see cref="SpoolFiles.Open"/> read back from disk.</summary>
internal sealed class RecoveredSpool(bool fresh, bool clean, ulong ackedThrough, ResumePoint ackedResume)
{
    /// <summary>No ack state existed: a new spool.</summary>
    public bool Fresh { get; } = fresh;

    /// <summary>The previous process closed the spool cleanly.</summary>
    public bool Clean { get; } = clean;

    public ulong AckedThrough { get; } = ackedThrough;

    public ResumePoint AckedResume { get; } = ackedResume;

    /// <summary>The highest sequence in the ack state or any record.</summary>
    public ulong HighestSequence { get; set; }

    /// <summary>The position of the last record on disk (or the acknowledged one when none is left).</summary>
    public ResumePoint Resume { get; set; } = ResumePoint.None;

    /// <summary>The records not acknowledged, in order.</summary>
    public List<SpoolEntry> Entries { get; } = [];

    public Dictionary<int, int> LiveEntriesBySegment { get; } = [];

    public long Bytes { get; set; }
}
