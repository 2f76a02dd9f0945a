namespace QuotePlatform.Ingest.Configuration;

/// <summary>When the spool forces its writes to the disk.</summary>
public enum FsyncPolicy
{
    /// <summary>Every batch and every acknowledgement: survives a power cut; one fsync per batch.</summary>
    Always = 1,

    /// <summary>At most every Ingest:Spool:FsyncInterval: a power cut loses at most that window.</summary>
    Batch = 2,

    /// <summary>Left to the operating system: a process crash loses nothing, a power cut may.</summary>
    Never = 3,
}
