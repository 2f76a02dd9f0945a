using Google.Protobuf;
using QuotePlatform.Contracts.MarketData.V1;
using StackExchange.Redis;
using static QuotePlatform.Streams.BarStreamEntry;

namespace QuotePlatform.Streams;

/// <summary>
/// One tick stream entry holds the ticks of one producer batch that fall in one shard, as a protobuf
/// TickBatch, beside the same producer, seq, count, created_ms and traceparent fields as a bar entry
/// (<see cref="BarStreamEntry"/>); the payload field is "ticks".
/// </summary>
public sealed record TickStreamEntry(TickBatch Batch, string Producer, ulong Sequence, long CreatedUnixMs)
{
    public const string TicksField = "ticks";

    public NameValueEntry[] ToFields() =>
    [
        new(TicksField, Batch.ToByteArray()),
        new(ProducerField, Producer),
        new(SequenceField, Sequence),
        new(CountField, Batch.Ticks.Count),
        new(CreatedField, CreatedUnixMs),
        new(TraceParentField, ""),
    ];

    /// <summary>True when the entry carries ticks (not bars).</summary>
    public static bool IsTickEntry(StreamEntry entry) => !entry[TicksField].IsNull;

    /// <summary>Decodes an entry; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TickStreamEntry Parse(StreamEntry entry)
    {
        var ticks = entry[TicksField];
        if (ticks.IsNull)
        {
            throw new FormatException($"stream entry {entry.Id} has no '{TicksField}' field");
        }

        TickBatch batch;
        try
        {
            batch = TickBatch.Parser.ParseFrom((byte[])ticks!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"stream entry {entry.Id}: '{TicksField}' is not a TickBatch: {ex.Message}", ex);
        }

        return new TickStreamEntry(
            batch,
            (string?)entry[ProducerField] ?? "",
            entry[SequenceField].TryParse(out long seq) && seq >= 0 ? (ulong)seq : 0,
            entry[CreatedField].TryParse(out long created) ? created : 0);
    }
}
