using QuotePlatform.Storage.Bars;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>A stream entry this consumer owns, decoded once; <see cref="Error"/> says why it could not be.</summary>
public sealed class ConsumedEntry
{
    private ConsumedEntry(string stream, StreamEntry raw, BarStreamEntry? decoded, string? error)
    {
        Stream = stream;
        Raw = raw;
        Decoded = decoded;
        Error = error;
    }

    public string Stream { get; }

    public StreamEntry Raw { get; }

    public string Id => Raw.Id!;

    public BarStreamEntry? Decoded { get; }

    public string? Error { get; }

    public int BarCount => Decoded?.Batch.Bars.Count ?? 0;

    /// <summary>The bars that passed the quality checks, as rows (set when the entry is taken in hand).</summary>
    public IReadOnlyList<BarRow> Rows { get; set; } = [];

    public static ConsumedEntry Decode(string stream, StreamEntry raw)
    {
        try
        {
            return new ConsumedEntry(stream, raw, BarStreamEntry.Parse(raw), null);
        }
        catch (FormatException ex)
        {
            return new ConsumedEntry(stream, raw, null, ex.Message);
        }
    }
}
