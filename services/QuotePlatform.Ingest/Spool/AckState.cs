using System.Buffers.Binary;

namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// What survives the deletion of acknowledged segments: the highest sequence ever assigned, the
/// sequence through which every batch is acknowledged, and the resume point of that batch. Two
/// 48-byte slots written in turn, each with its own CRC, so a write torn by a crash leaves the
/// other slot readable.
/// </summary>
internal sealed class AckState : IDisposable
{
    private const int SlotLength = 48;
    private readonly FileStream _file;
    private int _nextSlot;
    private long _version;

    public AckState(string path)
    {
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        var buffer = new byte[2 * SlotLength];
        var read = _file.Read(buffer);
        for (var slot = 0; slot < 2; slot++)
        {
            var span = buffer.AsSpan(slot * SlotLength, SlotLength);
            if (read >= (slot + 1) * SlotLength && TryRead(span, out var version, out var highest, out var ackedThrough, out var resume) && version > _version)
            {
                _version = version;
                HighestSequence = highest;
                AckedThrough = ackedThrough;
                Resume = resume;
                _nextSlot = 1 - slot;
            }
        }
    }

    public ulong HighestSequence { get; private set; }

    public ulong AckedThrough { get; private set; }

    public ResumePoint Resume { get; private set; } = ResumePoint.None;

    public void Write(ulong highestSequence, ulong ackedThrough, ResumePoint resume, bool flushToDisk)
    {
        HighestSequence = highestSequence;
        AckedThrough = ackedThrough;
        Resume = resume;
        Span<byte> slot = stackalloc byte[SlotLength];
        BinaryPrimitives.WriteInt64LittleEndian(slot, ++_version);
        BinaryPrimitives.WriteUInt64LittleEndian(slot[8..], highestSequence);
        BinaryPrimitives.WriteUInt64LittleEndian(slot[16..], ackedThrough);
        BinaryPrimitives.WriteUInt64LittleEndian(slot[24..], resume.SourceHash);
        BinaryPrimitives.WriteInt64LittleEndian(slot[32..], resume.Step);
        BinaryPrimitives.WriteInt32LittleEndian(slot[40..], resume.Output);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[44..], Crc32.Compute(slot[..44]));
        _file.Position = _nextSlot * SlotLength;
        _file.Write(slot);
        _nextSlot = 1 - _nextSlot;
        if (flushToDisk)
        {
            _file.Flush(flushToDisk: true);
        }
    }

    public void FlushToDisk() => _file.Flush(flushToDisk: true);

    public void Dispose() => _file.Dispose();

    private static bool TryRead(ReadOnlySpan<byte> slot, out long version, out ulong highest, out ulong ackedThrough, out ResumePoint resume)
    {
        version = BinaryPrimitives.ReadInt64LittleEndian(slot);
        highest = BinaryPrimitives.ReadUInt64LittleEndian(slot[8..]);
        ackedThrough = BinaryPrimitives.ReadUInt64LittleEndian(slot[16..]);
        resume = new ResumePoint(
            BinaryPrimitives.ReadUInt64LittleEndian(slot[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(slot[32..]),
            BinaryPrimitives.ReadInt32LittleEndian(slot[40..]));
        return Crc32.Compute(slot[..44]) == BinaryPrimitives.ReadUInt32LittleEndian(slot[44..]);
    }
}
