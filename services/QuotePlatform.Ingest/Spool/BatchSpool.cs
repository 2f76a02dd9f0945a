using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;

namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// The durable, append-only log of batches the relay has not acknowledged yet. Each batch gets its
/// sequence here, so numbering continues across restarts (a reused sequence would be dropped by the
/// relay as a duplicate). Past <see cref="SpoolOptions.MaxBytes"/>, appending waits (back-pressure).
/// Thread-safe: the engine appends, the publisher reads and acknowledges.
/// </summary>
public sealed class BatchSpool : IDisposable
{
    /// <summary>
    /// After an unclean stop, new sequences skip this far ahead: with Batch or Never fsync a batch can
    /// have been sent (and acknowledged) before its record reached the disk, so its number is unknown.
    /// </summary>
    public const ulong UncleanGap = 1_000_000;

    private const string AckStateFile = "ack.state";
    private const string CleanMarkerFile = "clean";
    private const string SegmentPrefix = "segment-";
    private const string SegmentSuffix = ".log";

    private readonly SpoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly AckState _ackState;
    private readonly List<SpoolEntry> _entries = [];
    private readonly Dictionary<ulong, SpoolEntry> _bySequence = [];
    private readonly Dictionary<int, int> _liveEntriesBySegment = [];
    private readonly ITimer? _fsyncTimer;
    private TaskCompletionSource _changed = NewSignal();
    private int _head;
    private long _popped;
    private long _bytes;
    private long _cachedBytes;
    private ulong _nextSequence;
    private ulong _ackedThrough;
    private ResumePoint _ackedResume;
    private int _segment;
    private FileStream _writer;
    private long _writerLength;
    private bool _dirty;
    private long? _fullSince;
    private bool _disposed;

    public BatchSpool(IOptions<SpoolOptions> options, TimeProvider time, ILogger<BatchSpool> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(_options.Directory);
        var fresh = !File.Exists(StatePath);
        var clean = File.Exists(Path.Combine(_options.Directory, CleanMarkerFile));
        _ackState = new AckState(StatePath);
        _ackedThrough = _ackState.AckedThrough;
        _ackedResume = _ackState.Resume;
        Resume = _ackState.Resume;
        var highest = Math.Max(_ackState.HighestSequence, _ackedThrough);
        highest = Math.Max(highest, Recover());
        _nextSequence = fresh
            ? FreshStart(time)
            : highest + 1 + (clean ? 0 : UncleanGap);
        if (!fresh && !clean)
        {
            SpoolLog.UncleanClose(_logger, _options.Directory, UncleanGap);
        }

        File.Delete(Path.Combine(_options.Directory, CleanMarkerFile));
        _writer = OpenSegment(_segment);
        // The counter is on disk before any batch goes out, whatever the fsync policy.
        _ackState.Write(_nextSequence - 1, _ackedThrough, _ackedResume, flushToDisk: true);
        SpoolLog.Opened(_logger, _options.Directory, _entries.Count - _head, _bytes, _nextSequence, _ackedThrough);
        if (_options.Fsync == FsyncPolicy.Batch)
        {
            _fsyncTimer = time.CreateTimer(_ => FlushIfDirty(), null, _options.FsyncInterval, _options.FsyncInterval);
        }
    }

    /// <summary>Where a deterministic source's output stands in the spool (what a restart need not send again).</summary>
    public ResumePoint Resume { get; private set; }

    /// <summary>Absolute position of the first batch not known to be acknowledged (positions only grow).</summary>
    public long FirstUnackedPosition
    {
        get
        {
            lock (_gate)
            {
                return _popped;
            }
        }
    }

    public int UnackedBatches
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count - _head;
            }
        }
    }

    public long UnackedBytes => Interlocked.Read(ref _bytes);

    public long BackPressureWaits { get; private set; }

    public bool IsFull => _fullSince is not null;

    private string StatePath => Path.Combine(_options.Directory, AckStateFile);

    /// <summary>Numbers the batch, writes it, and makes it available to the publisher; waits while the spool is full.</summary>
    public async ValueTask<ulong> AppendAsync(PublishRequest batch, ResumePoint position, CancellationToken cancellationToken)
    {
        var size = SpoolRecord.HeaderLength + batch.CalculateSize();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                // Once full, room means 10 % of the cap free again: back-pressure comes in episodes,
                // each logged once, rather than flapping at the cap with every acknowledgement.
                var limit = _fullSince is null ? _options.MaxBytes : _options.MaxBytes - (_options.MaxBytes / 10);
                if (_bytes == 0 || _bytes + size <= limit)
                {
                    LeaveFull();
                    return Append(batch, position, size);
                }

                EnterFull();
                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The batch at an absolute position, waiting until it is appended.</summary>
    public async ValueTask<SpoolEntry> ReadAsync(long position, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var index = _head + (int)(Math.Max(position, _popped) - _popped);
                if (index < _entries.Count)
                {
                    return _entries[index];
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The PublishRequest bytes of an entry, from memory or from its segment.</summary>
    public byte[] PayloadOf(SpoolEntry entry)
    {
        if (entry.Payload is { } cached)
        {
            return cached;
        }

        lock (_gate)
        {
            using var handle = File.OpenHandle(SegmentPath(entry.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var payload = new byte[entry.RecordLength - SpoolRecord.HeaderLength];
            var read = RandomAccess.Read(handle, payload, entry.Offset + SpoolRecord.HeaderLength);
            return read == payload.Length
                ? payload
                : throw new IOException($"spool segment {SegmentPath(entry.Segment)} ends inside batch {entry.Sequence}");
        }
    }

    /// <summary>The relay has the batch (written or duplicate): forget it once every earlier one is acknowledged too.</summary>
    public void Ack(ulong sequence)
    {
        lock (_gate)
        {
            if (!_bySequence.TryGetValue(sequence, out var entry) || entry.Acked)
            {
                return;
            }

            entry.Acked = true;
            var popped = false;
            while (_head < _entries.Count && _entries[_head].Acked)
            {
                Pop(_entries[_head++]);
                popped = true;
            }

            if (!popped)
            {
                return;
            }

            if (_head > 1024 && _head * 2 > _entries.Count)
            {
                _entries.RemoveRange(0, _head);
                _head = 0;
            }

            _ackState.Write(_nextSequence - 1, _ackedThrough, _ackedResume, _options.Fsync == FsyncPolicy.Always);
            _dirty = true;
            DeleteAckedSegments();
            Signal();
        }
    }

    /// <summary>Completes once nothing is left unacknowledged.</summary>
    public async Task WaitDrainedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_head == _entries.Count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _fsyncTimer?.Dispose();
            _writer.Flush(flushToDisk: true);
            _writer.Dispose();
            _ackState.Write(_nextSequence - 1, _ackedThrough, _ackedResume, flushToDisk: true);
            _ackState.Dispose();
            using (File.Create(Path.Combine(_options.Directory, CleanMarkerFile)))
            {
            }

            _changed.TrySetException(new ObjectDisposedException(nameof(BatchSpool)));
        }
    }

    private ulong Append(PublishRequest batch, ResumePoint position, int size)
    {
        if (_writerLength > 0 && _writerLength + size > _options.SegmentBytes)
        {
            RollSegment();
        }

        var sequence = _nextSequence++;
        batch.Sequence = sequence;
        var record = new byte[SpoolRecord.HeaderLength + batch.CalculateSize()];
        batch.WriteTo(record.AsSpan(SpoolRecord.HeaderLength));
        SpoolRecord.WriteHeader(record, sequence, position);
        var offset = _writerLength;
        _writer.Write(record);
        _writerLength += record.Length;
        if (_options.Fsync == FsyncPolicy.Always)
        {
            _writer.Flush(flushToDisk: true);
        }

        _dirty = true;
        byte[]? payload = null;
        if (_cachedBytes + record.Length <= _options.MemoryCacheBytes)
        {
            payload = record[SpoolRecord.HeaderLength..];
            _cachedBytes += payload.Length;
        }

        var entry = new SpoolEntry(sequence, batch.Bars.Count, position, _segment, offset, record.Length, payload);
        _entries.Add(entry);
        _bySequence.Add(sequence, entry);
        _liveEntriesBySegment[_segment] = _liveEntriesBySegment.GetValueOrDefault(_segment) + 1;
        Interlocked.Add(ref _bytes, record.Length);
        Resume = position;
        Signal();
        return sequence;
    }

    private void Pop(SpoolEntry entry)
    {
        _popped++;
        _bySequence.Remove(entry.Sequence);
        Interlocked.Add(ref _bytes, -entry.RecordLength);
        if (entry.Payload is { } payload)
        {
            _cachedBytes -= payload.Length;
            entry.Payload = null;
        }

        _liveEntriesBySegment[entry.Segment]--;
        _ackedThrough = Math.Max(_ackedThrough, entry.Sequence);
        _ackedResume = entry.Position;
    }

    private void RollSegment()
    {
        _writer.Flush(flushToDisk: _options.Fsync != FsyncPolicy.Never);
        _writer.Dispose();
        _segment++;
        _writer = OpenSegment(_segment);
        DeleteAckedSegments();
    }

    // The state file is on disk before a segment goes, so the sequence counter never goes back.
    private void DeleteAckedSegments()
    {
        List<int>? done = null;
        foreach (var (segment, live) in _liveEntriesBySegment)
        {
            if (live == 0 && segment != _segment)
            {
                (done ??= []).Add(segment);
            }
        }

        if (done is null)
        {
            return;
        }

        _ackState.FlushToDisk();
        foreach (var segment in done)
        {
            _liveEntriesBySegment.Remove(segment);
            File.Delete(SegmentPath(segment));
        }
    }

    private void FlushIfDirty()
    {
        lock (_gate)
        {
            if (!_dirty || _disposed)
            {
                return;
            }

            _writer.Flush(flushToDisk: true);
            _ackState.FlushToDisk();
            _dirty = false;
        }
    }

    private void EnterFull()
    {
        if (_fullSince is null)
        {
            _fullSince = _time.GetTimestamp();
            BackPressureWaits++;
            SpoolLog.Full(_logger, _bytes, _options.MaxBytes);
        }
    }

    private void LeaveFull()
    {
        if (_fullSince is { } since)
        {
            _fullSince = null;
            SpoolLog.RoomAgain(_logger, _time.GetElapsedTime(since), _bytes);
        }
    }

    /// <summary>Reads every segment: unacknowledged records become entries, a torn tail is cut off. Returns the highest sequence seen.</summary>
    private ulong Recover()
    {
        var segments = Directory.GetFiles(_options.Directory, SegmentPrefix + "*" + SegmentSuffix)
            .Select(path => int.TryParse(Path.GetFileName(path)[SegmentPrefix.Length..^SegmentSuffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0)
            .Order()
            .ToList();
        ulong highest = 0;
        foreach (var segment in segments)
        {
            _segment = segment;
            highest = Math.Max(highest, RecoverSegment(segment));
        }

        foreach (var segment in segments.Where(s => s != _segment && _liveEntriesBySegment.GetValueOrDefault(s) == 0))
        {
            _liveEntriesBySegment.Remove(segment);
            File.Delete(SegmentPath(segment));
        }

        return highest;
    }

    private ulong RecoverSegment(int segment)
    {
        var path = SegmentPath(segment);
        var bytes = File.ReadAllBytes(path);
        ulong highest = 0;
        var offset = 0;
        _liveEntriesBySegment[segment] = 0;
        while (offset < bytes.Length)
        {
            var rest = bytes.AsSpan(offset);
            var payloadLength = rest.Length >= SpoolRecord.HeaderLength ? SpoolRecord.PayloadLength(rest) : -1;
            var length = SpoolRecord.HeaderLength + payloadLength;
            if (payloadLength < 0 || length > rest.Length || !SpoolRecord.TryRead(rest[..length], out var sequence, out var position))
            {
                SpoolLog.TornTail(_logger, path, offset, payloadLength < 0 ? "no record header" : "record incomplete or checksum mismatch", bytes.Length - offset);
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
                file.SetLength(offset);
                file.Flush(flushToDisk: true);
                break;
            }

            highest = Math.Max(highest, sequence);
            Resume = position;
            if (sequence > _ackedThrough)
            {
                var entry = new SpoolEntry(sequence, BarCount(rest[SpoolRecord.HeaderLength..length]), position, segment, offset, length, payload: null);
                _entries.Add(entry);
                _bySequence.TryAdd(sequence, entry);
                _liveEntriesBySegment[segment]++;
                _bytes += length;
            }

            offset += length;
        }

        return highest;
    }

    /// <summary>
    /// A new spool numbers from its creation time (epoch ms × 1000): should a producer's spool ever be
    /// lost or replaced, the new one still numbers above the old one's batches, which the relay
    /// remembers for days and would otherwise drop as resends.
    /// </summary>
    private static ulong FreshStart(TimeProvider time) => (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private static int BarCount(ReadOnlySpan<byte> payload) => PublishRequest.Parser.ParseFrom(payload).Bars.Count;

    private FileStream OpenSegment(int segment)
    {
        var stream = new FileStream(SegmentPath(segment), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        _writerLength = stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private string SegmentPath(int segment) =>
        Path.Combine(_options.Directory, string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}{segment:D8}{SegmentSuffix}"));

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
