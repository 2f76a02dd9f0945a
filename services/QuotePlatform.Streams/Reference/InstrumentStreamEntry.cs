using Google.Protobuf;
using QuotePlatform.Contracts.MarketData.V1;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Reference;

/// <summary>
/// One entry of the instruments stream: a protobuf InstrumentReferences (a batch's instrument details with their
/// dividend factors) under <see cref="InstrumentsField"/>, and the producer that sent it. Idempotent at the sink
/// (a row per symbol and trading date, and per symbol and ex-date), so a resent entry is simply written again.
/// </summary>
public static class InstrumentStreamEntry
{
    public const string InstrumentsField = "instruments";
    public const string ProducerField = "producer";

    public static NameValueEntry[] ToFields(IEnumerable<InstrumentReference> instruments, string producer) =>
    [
        new(InstrumentsField, new InstrumentReferences { Instruments = { instruments } }.ToByteArray()),
        new(ProducerField, producer),
    ];

    /// <summary>Decodes an entry; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static InstrumentReferences Parse(StreamEntry entry)
    {
        var value = entry[InstrumentsField];
        if (value.IsNull)
        {
            throw new FormatException($"instruments entry {entry.Id} has no '{InstrumentsField}' field");
        }

        try
        {
            return InstrumentReferences.Parser.ParseFrom((byte[])value!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"instruments entry {entry.Id}: '{InstrumentsField}' is not InstrumentReferences: {ex.Message}", ex);
        }
    }
}
