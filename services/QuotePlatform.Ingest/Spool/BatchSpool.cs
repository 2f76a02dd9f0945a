using Google.Protobuf;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;

namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// The durable, append-only log of batches the relay has not acknowledged yet. Each batch gets its
/// sequence here, so numbering continues across restarts (a reused sequence would be dropped by the
/// relay as a duplicate). Past <see cref="SpoolOptions.MaxBytes"/>, appending waits (back-pressure).
/// Thread-safe: the engine appends, the publisher reads and acknowledges. The queue has its own lock;
/// the files (<see cref="SpoolFiles"/>) another, taken first, so an fsync never holds up the queue.
/// </summary>
public sealed class BatchSpool : IDisposable
{
    /// <summary>
    /// After an unclean stop, new sequences skip this far ahead: with Batch or Never fsync a batch can
    /// have been sent (and acknowledged) before its record reached the disk, so its number is unknown.
    /// </summary>
    public const ulong UncleanGap = 1_000_000;

    private readonly SpoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SpoolFiles _files;
    private readonly Lock _fileGate = new();
    private readonly Lock _gate = new();
    private readonly List<SpoolEntry> _entries = [];
    private readonly Dictionary<ulong, SpoolEntry> _bySequence = [];
    private readonly Dictionary<int, int> _liveEntriesBySegment;
    private readonly ITimer? _fsyncTimer;

    // Under _fileGate: the numbering and whether the files hold writes not yet on disk.
    private ulong _nextSequence;
    private bool _dirty;

    // Under _gate: the queue.
    private TaskCompletionSource _changed = NewSignal();
    private int _head;
    private long _popped;
    private long _bytes;
    private long _cachedBytes;
    private ulong _ackedThrough;
    private ResumePoint _ackedResume;
    private long? _fullSince;
    private bool _disposed;

    private BatchSpool(SpoolOptions options, TimeProvider time, ILogger logger, SpoolFiles files, RecoveredSpool recovered)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _files = files;
        foreach (var entry in recovered.Entries)
        {
            _entries.Add(entry);
            _bySequence.TryAdd(entry.Sequence, entry);
        }

        _liveEntriesBySegment = recovered.LiveEntriesBySegment;
        _bytes = recovered.Bytes;
        _ackedThrough = recovered.AckedThrough;
        _ackedResume = recovered.AckedResume;
        Resume = recovered.Resume;
        _nextSequence = recovered.Fresh
            ? FreshStart(time)
            : recovered.HighestSequence + 1 + (recovered.Clean ? 0 : UncleanGap);
        if (!recovered.Fresh && !recovered.Clean)
        {
            SpoolLog.UncleanClose(_logger, _options.Directory, UncleanGap);
        }

        if (_options.Fsync == FsyncPolicy.Batch)
        {
            _fsyncTimer = time.CreateTimer(_ => FlushIfDirty(), null, _options.FsyncInterval, _options.FsyncInterval);
        }
    }

    /// <summary>
    /// Recovers the spool from its directory (every record not acknowledged, the numbering, whether the
    /// last process closed it cleanly) and opens it for appending. A spool that cannot be read stops the
    /// ingest with the directory named, rather than starting with batches silently left behind.
    /// </summary>
    public static BatchSpool Open(SpoolOptions options, TimeProvider time, ILogger<BatchSpool> logger)
    {
        SpoolFiles files;
        RecoveredSpool recovered;
        try
        {
            files = SpoolFiles.Open(options, logger, out recovered);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The spool at '{options.Directory}' could not be recovered: {ex.Message}", ex);
        }

        var spool = new BatchSpool(options, time, logger, files, recovered);
        // The counter is on disk before any batch goes out, whatever the fsync policy.
        files.WriteAckState(spool.Snapshot(), flushToDisk: true);
        SpoolLog.Opened(logger, options.Directory, spool._entries.Count, spool._bytes, spool._nextSequence, spool._ackedThrough);
        return spool;
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

    /// <summary>Numbers the batch, writes it, and makes it available to the publisher; waits while the spool is full.</summary>
    public async ValueTask<ulong> AppendAsync(PublishRequest batch, ResumePoint position, CancellationToken cancellationToken)
    {
        var size = SpoolRecord.HeaderLength + batch.CalculateSize();
        while (true)
        {
            Task changed;
            lock (_fileGate)
            {
                if (HasRoom(size, out changed))
                {
                    return Append(batch, position);
                }
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

        lock (_fileGate)
        {
            return _files.ReadPayload(entry);
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

            Signal();
        }

        // The queue has moved on; the ack state follows on disk, outside the queue's lock.
        lock (_fileGate)
        {
            if (_disposed)
            {
                return;
            }

            _files.WriteAckState(Snapshot(), _options.Fsync == FsyncPolicy.Always);
            _dirty = true;
            DeleteAcknowledgedSegments();
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
        lock (_fileGate)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _changed.TrySetException(new ObjectDisposedException(nameof(BatchSpool)));
            }

            _fsyncTimer?.Dispose();
            _files.Close(Snapshot());
        }
    }

    /// <summary>Under _fileGate: whether a record of this size fits; else the signal to wait for.</summary>
    private bool HasRoom(int size, out Task changed)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            changed = _changed.Task;
            // Once full, room means 10 % of the cap free again: back-pressure comes in episodes,
            // each logged once, rather than flapping at the cap with every acknowledgement.
            var limit = _fullSince is null ? _options.MaxBytes : _options.MaxBytes - (_options.MaxBytes / 10);
            if (_bytes == 0 || _bytes + size <= limit)
            {
                LeaveFull();
                return true;
            }

            EnterFull();
            return false;
        }
    }

    /// <summary>Under _fileGate: numbers, writes and queues the batch.</summary>
    private ulong Append(PublishRequest batch, ResumePoint position)
    {
        var sequence = _nextSequence++;
        batch.Sequence = sequence;
        var record = new byte[SpoolRecord.HeaderLength + batch.CalculateSize()];
        batch.WriteTo(record.AsSpan(SpoolRecord.HeaderLength));
        SpoolRecord.WriteHeader(record, sequence, position);
        var previousSegment = _files.Segment;
        var (segment, offset) = _files.Append(record);
        if (_options.Fsync == FsyncPolicy.Always)
        {
            _files.FlushSegment();
        }

        _dirty = true;
        lock (_gate)
        {
            byte[]? payload = null;
            if (_cachedBytes + record.Length <= _options.MemoryCacheBytes)
            {
                payload = record[SpoolRecord.HeaderLength..];
                _cachedBytes += payload.Length;
            }

            var entry = new SpoolEntry(sequence, batch.Bars.Count, position, segment, offset, record.Length, payload);
            _entries.Add(entry);
            _bySequence.Add(sequence, entry);
            _liveEntriesBySegment[segment] = _liveEntriesBySegment.GetValueOrDefault(segment) + 1;
            Interlocked.Add(ref _bytes, record.Length);
            Resume = position;
            Signal();
        }

        if (segment != previousSegment)
        {
            DeleteAcknowledgedSegments();
        }

        return sequence;
    }

    /// <summary>Under _gate.</summary>
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

    /// <summary>Under _fileGate: the segments (but the one being written) whose every batch is acknowledged.</summary>
    private void DeleteAcknowledgedSegments()
    {
        List<int> done = [];
        lock (_gate)
        {
            foreach (var (segment, live) in _liveEntriesBySegment)
            {
                if (live == 0 && segment != _files.Segment)
                {
                    done.Add(segment);
                }
            }

            foreach (var segment in done)
            {
                _liveEntriesBySegment.Remove(segment);
            }
        }

        _files.DeleteSegments(done);
    }

    /// <summary>Under _fileGate: what the ack state file says now.</summary>
    private AckSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new AckSnapshot(_nextSequence - 1, _ackedThrough, _ackedResume);
        }
    }

    private void FlushIfDirty()
    {
        lock (_fileGate)
        {
            if (!_dirty || _disposed)
            {
                return;
            }

            _files.FlushSegment();
            _files.FlushAckState();
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

    /// <summary>
    /// A new spool numbers from its creation time (epoch ms × 1000): should a producer's spool ever be
    /// lost or replaced, the new one still numbers above the old one's batches, which the relay
    /// remembers for days and would otherwise drop as resends.
    /// </summary>
    private static ulong FreshStart(TimeProvider time) => (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
