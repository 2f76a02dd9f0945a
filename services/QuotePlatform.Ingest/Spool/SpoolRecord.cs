using System.Buffers.Binary;

namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// One batch on disk: a 40-byte header, then the PublishRequest bytes exactly as sent.
/// Header (little-endian): magic, payload length, sequence, source hash, step, output, CRC-32 of
/// header (CRC field zero) and payload. A record that does not check out ends the readable log.
/// </summary>
internal static class SpoolRecord
{
    public const int HeaderLength = 40;
    public const uint Magic = 0x42535051; // "QPSB"

    public static void WriteHeader(Span<byte> record, ulong sequence, ResumePoint position)
    {
        var payloadLength = record.Length - HeaderLength;
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(record[16..], position.SourceHash);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], position.Step);
        BinaryPrimitives.WriteInt32LittleEndian(record[32..], position.Output);
        BinaryPrimitives.WriteUInt32LittleEndian(record[36..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record[36..], Crc32.Compute(record));
    }

    /// <summary>Payload length of a plausible header, or -1.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic ? BinaryPrimitives.ReadInt32LittleEndian(header[4..]) : -1;

    /// <summary>Checks a whole record (header and payload) and reads its header fields.</summary>
    public static bool TryRead(Span<byte> record, out ulong sequence, out ResumePoint position)
    {
        sequence = 0;
        position = ResumePoint.None;
        if (record.Length < HeaderLength || PayloadLength(record) != record.Length - HeaderLength)
        {
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(record[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[36..], 0);
        var valid = Crc32.Compute(record) == stored;
        BinaryPrimitives.WriteUInt32LittleEndian(record[36..], stored);
        if (!valid)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        position = new ResumePoint(
            BinaryPrimitives.ReadUInt64LittleEndian(record[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[24..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[32..]));
        return true;
    }
}
