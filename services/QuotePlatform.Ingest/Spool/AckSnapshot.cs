namespace QuotePlatform.Ingest.Spool;

/// <summary>The ack state as of one moment: what <see cref="SpoolFiles.WriteAckState"/> puts on disk.</summary>
internal readonly record struct AckSnapshot(ulong HighestSequence, ulong AckedThrough, ResumePoint Resume);
