using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>
/// A stream entry this consumer owns (of a bar or a tick stream), decoded once; <see cref="Error"/>
/// says why it could not be.
/// </summary>
public sealed class ConsumedEntry
{
    private ConsumedEntry(string stream, StreamEntry raw, BarStreamEntry? decoded, TickStreamEntry? ticks, string? error)
    {
        Stream = stream;
        Raw = raw;
        Decoded = decoded;
        DecodedTicks = ticks;
        Error = error;
    }

    public string Stream { get; }

    public StreamEntry Raw { get; }

    public string Id => Raw.Id!;

    public BarStreamEntry? Decoded { get; }

    public string? Error { get; }

    /// <summary>Set for an entry of a tick stream.</summary>
    public TickStreamEntry? DecodedTicks { get; }

    public int BarCount => Decoded?.Batch.Bars.Count ?? 0;

    /// <summary>Bars and ticks: what a batch's size is counted in.</summary>
    public int RowCount => BarCount + (DecodedTicks?.Batch.Ticks.Count ?? 0);

    /// <summary>The bars that passed the quality checks, as rows (set when the entry is taken in hand).</summary>
    public IReadOnlyList<BarRow> Rows { get; set; } = [];

    /// <summary>The ticks to store, as rows (set when the entry is taken in hand).</summary>
    public IReadOnlyList<TickRow> TickRows { get; set; } = [];

    public static ConsumedEntry Decode(string stream, StreamEntry raw)
    {
        try
        {
            return TickStreamEntry.IsTickEntry(raw)
                ? new ConsumedEntry(stream, raw, null, TickStreamEntry.Parse(raw), null)
                : new ConsumedEntry(stream, raw, BarStreamEntry.Parse(raw), null, null);
        }
        catch (FormatException ex)
        {
            return new ConsumedEntry(stream, raw, null, null, ex.Message);
        }
    }
}
