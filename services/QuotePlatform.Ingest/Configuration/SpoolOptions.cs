using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Configuration;

/// <summary>The durable spool of batches not yet acknowledged by the relay.</summary>
public sealed class SpoolOptions : ISectionOptions
{
    public static string Section => "Ingest:Spool";

    /// <summary>Directory of the spool (created if missing); one ingest process per directory.</summary>
    [Required(ErrorMessage = "set Ingest:Spool:Directory to a directory the ingest may write")]
    public string Directory { get; set; } = "";

    public FsyncPolicy Fsync { get; set; } = FsyncPolicy.Batch;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Unacknowledged bytes at most; past it the source is held back (back-pressure), never dropped.
    /// 1 GiB holds several hours of a full market's bars and quotes while the relay is away.
    /// </summary>
    [Range(1L << 16, 1L << 40)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A segment file is closed at this size; a fully acknowledged segment is deleted.</summary>
    [Range(1L << 12, 1L << 32)]
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>Batches also kept in memory (so sending reads no file) up to this many bytes.</summary>
    [Range(0L, 1L << 34)]
    public long MemoryCacheBytes { get; set; } = 64L << 20;
}
