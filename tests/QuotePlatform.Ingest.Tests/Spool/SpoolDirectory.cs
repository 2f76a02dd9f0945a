using Microsoft.Extensions.Logging.Abstractions;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Tests.Spool;

/// <summary>A spool directory of its own per test, opened and reopened as a restarted ingest would.</summary>
internal sealed class SpoolDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ingest-spool-").FullName;

    public BatchSpool Open(long maxBytes = 1L << 30, long segmentBytes = 64L << 20, FsyncPolicy fsync = FsyncPolicy.Always) => BatchSpool.Open(
        new SpoolOptions { Directory = Path, MaxBytes = maxBytes, SegmentBytes = segmentBytes, Fsync = fsync },
        TimeProvider.System,
        NullLogger<BatchSpool>.Instance);

    public static PublishRequest Batch(int bars, string symbol = "600000.SH") => new()
    {
        ProducerId = "test",
        Bars = { Enumerable.Range(0, bars).Select(i => new Bar { Symbol = symbol, Period = Period._1M, FrameUnixMs = 1_749_173_460_000 + (i * 60_000L), Close = 10 + i, Final = true }) },
    };

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
