using Google.Protobuf;
using QuotePlatform.Contracts.MarketData.V1;
using StackExchange.Redis;

namespace QuotePlatform.Streams;

/// <summary>
/// One stream entry holds the bars of one producer batch that fall in one shard, as a protobuf
/// BarBatch. An entry per batch and shard (not per bar) keeps XADD count ~ batches × shards, which is
/// what lets the relay sustain hundreds of thousands of bars/s; consumers still see every bar once.
/// Fields:
///   bars        protobuf quoteplatform.marketdata.v1.BarBatch
///   producer    producer id the relay authenticated
///   seq         the producer's batch sequence
///   count       number of bars in the entry (lets admin tools count without decoding)
///   created_ms  when the producer built the batch, epoch ms UTC (end-to-end latency)
///   traceparent W3C trace context of the relay's publish span ("" when not traced)
/// </summary>
public sealed record BarStreamEntry(BarBatch Batch, string Producer, ulong Sequence, long CreatedUnixMs, string TraceParent)
{
    public const string BarsField = "bars";
    public const string ProducerField = "producer";
    public const string SequenceField = "seq";
    public const string CountField = "count";
    public const string CreatedField = "created_ms";
    public const string TraceParentField = "traceparent";

    public NameValueEntry[] ToFields() =>
    [
        new(BarsField, Batch.ToByteArray()),
        new(ProducerField, Producer),
        new(SequenceField, Sequence),
        new(CountField, Batch.Bars.Count),
        new(CreatedField, CreatedUnixMs),
        new(TraceParentField, TraceParent),
    ];

    /// <summary>Decodes an entry; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static BarStreamEntry Parse(StreamEntry entry)
    {
        var bars = entry[BarsField];
        if (bars.IsNull)
        {
            throw new FormatException($"stream entry {entry.Id} has no '{BarsField}' field");
        }

        BarBatch batch;
        try
        {
            batch = BarBatch.Parser.ParseFrom((byte[])bars!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"stream entry {entry.Id}: '{BarsField}' is not a BarBatch: {ex.Message}", ex);
        }

        return new BarStreamEntry(
            batch,
            (string?)entry[ProducerField] ?? "",
            entry[SequenceField].TryParse(out long seq) && seq >= 0 ? (ulong)seq : 0,
            entry[CreatedField].TryParse(out long created) ? created : 0,
            (string?)entry[TraceParentField] ?? "");
    }
}
