using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;

namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// The spool on disk: numbered segment logs of <see cref="SpoolRecord"/>s, the <see cref="AckState"/>,
/// and the marker of a clean close. Recovery reads it back; afterwards records are appended, read and
/// deleted segment by segment. Not thread-safe: <see cref="BatchSpool"/> calls it under its file lock.
/// </summary>
internal sealed class SpoolFiles : IDisposable
{
    private const string AckStateFile = "ack.state";
    private const string CleanMarkerFile = "clean";
    private const string SegmentPrefix = "segment-";
    private const string SegmentSuffix = ".log";

    private readonly SpoolOptions _options;
    private readonly ILogger _logger;
    private readonly AckState _ackState;
    private FileStream _writer;
    private long _writerLength;

    private SpoolFiles(SpoolOptions options, ILogger logger, AckState ackState, int segment)
    {
        _options = options;
        _logger = logger;
        _ackState = ackState;
        Segment = segment;
        _writer = OpenSegment(segment);
    }

    /// <summary>The segment records are appended to.</summary>
    public int Segment { get; private set; }

    /// <summary>
    /// Opens the directory (creating it) and reads back what is not acknowledged: every record after
    /// the ack state's AckedThrough, in order. A torn tail is cut off; fully acknowledged segments go.
    /// </summary>
    public static SpoolFiles Open(SpoolOptions options, ILogger logger, out RecoveredSpool recovered)
    {
        Directory.CreateDirectory(options.Directory);
        var statePath = Path.Combine(options.Directory, AckStateFile);
        var fresh = !File.Exists(statePath);
        var cleanMarker = Path.Combine(options.Directory, CleanMarkerFile);
        var clean = File.Exists(cleanMarker);
        var ackState = new AckState(statePath);
        recovered = new RecoveredSpool(fresh, clean, ackState.AckedThrough, ackState.Resume)
        {
            HighestSequence = Math.Max(ackState.HighestSequence, ackState.AckedThrough),
            Resume = ackState.Resume,
        };

        var segments = Directory.GetFiles(options.Directory, SegmentPrefix + "*" + SegmentSuffix)
            .Select(path => int.TryParse(Path.GetFileName(path)[SegmentPrefix.Length..^SegmentSuffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0)
            .Order()
            .ToList();
        foreach (var segment in segments)
        {
            RecoverSegment(options, logger, segment, recovered);
        }

        var current = segments.Count > 0 ? segments[^1] : 0;
        var live = recovered.LiveEntriesBySegment;
        foreach (var segment in segments.Where(s => s != current && live.GetValueOrDefault(s) == 0))
        {
            live.Remove(segment);
            File.Delete(SegmentPath(options, segment));
        }

        File.Delete(cleanMarker);
        return new SpoolFiles(options, logger, ackState, current);
    }

    /// <summary>Appends a record, rolling to a new segment past SegmentBytes; returns where it lies.</summary>
    public (int Segment, long Offset) Append(byte[] record)
    {
        if (_writerLength > 0 && _writerLength + record.Length > _options.SegmentBytes)
        {
            _writer.Flush(flushToDisk: _options.Fsync != FsyncPolicy.Never);
            _writer.Dispose();
            Segment++;
            _writer = OpenSegment(Segment);
        }

        var offset = _writerLength;
        _writer.Write(record);
        _writerLength += record.Length;
        return (Segment, offset);
    }

    public void FlushSegment() => _writer.Flush(flushToDisk: true);

    /// <summary>The PublishRequest bytes of an entry whose payload is not kept in memory.</summary>
    public byte[] ReadPayload(SpoolEntry entry)
    {
        var path = SegmentPath(_options, entry.Segment);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var payload = new byte[entry.RecordLength - SpoolRecord.HeaderLength];
        var read = RandomAccess.Read(handle, payload, entry.Offset + SpoolRecord.HeaderLength);
        return read == payload.Length
            ? payload
            : throw new IOException($"spool segment {path} ends inside batch {entry.Sequence}");
    }

    public void WriteAckState(AckSnapshot state, bool flushToDisk) =>
        _ackState.Write(state.HighestSequence, state.AckedThrough, state.Resume, flushToDisk);

    public void FlushAckState() => _ackState.FlushToDisk();

    /// <summary>Deletes segments whose every batch is acknowledged; the ack state reaches the disk first, so the counter never goes back.</summary>
    public void DeleteSegments(IReadOnlyCollection<int> segments)
    {
        if (segments.Count == 0)
        {
            return;
        }

        _ackState.FlushToDisk();
        foreach (var segment in segments)
        {
            File.Delete(SegmentPath(_options, segment));
        }
    }

    /// <summary>Everything to disk, and the marker that the close was clean (no sequence gap needed at the next open).</summary>
    public void Close(AckSnapshot state)
    {
        _writer.Flush(flushToDisk: true);
        _writer.Dispose();
        _ackState.Write(state.HighestSequence, state.AckedThrough, state.Resume, flushToDisk: true);
        _ackState.Dispose();
        using (File.Create(Path.Combine(_options.Directory, CleanMarkerFile)))
        {
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _ackState.Dispose();
    }

    private static void RecoverSegment(SpoolOptions options, ILogger logger, int segment, RecoveredSpool recovered)
    {
        var path = SegmentPath(options, segment);
        var bytes = File.ReadAllBytes(path);
        var offset = 0;
        recovered.LiveEntriesBySegment[segment] = 0;
        while (offset < bytes.Length)
        {
            var rest = bytes.AsSpan(offset);
            var payloadLength = rest.Length >= SpoolRecord.HeaderLength ? SpoolRecord.PayloadLength(rest) : -1;
            var length = SpoolRecord.HeaderLength + payloadLength;
            if (payloadLength < 0 || length > rest.Length || !SpoolRecord.TryRead(rest[..length], out var sequence, out var position))
            {
                SpoolLog.TornTail(logger, path, offset, payloadLength < 0 ? "no record header" : "record incomplete or checksum mismatch", bytes.Length - offset);
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
                file.SetLength(offset);
                file.Flush(flushToDisk: true);
                break;
            }

            recovered.HighestSequence = Math.Max(recovered.HighestSequence, sequence);
            recovered.Resume = position;
            if (sequence > recovered.AckedThrough)
            {
                var bars = PublishRequest.Parser.ParseFrom(rest[SpoolRecord.HeaderLength..length]).Bars.Count;
                recovered.Entries.Add(new SpoolEntry(sequence, bars, position, segment, offset, length, payload: null));
                recovered.LiveEntriesBySegment[segment]++;
                recovered.Bytes += length;
            }

            offset += length;
        }
    }

    private FileStream OpenSegment(int segment)
    {
        var stream = new FileStream(SegmentPath(_options, segment), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        _writerLength = stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private static string SegmentPath(SpoolOptions options, int segment) =>
        Path.Combine(options.Directory, string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}{segment:D8}{SegmentSuffix}"));
}
