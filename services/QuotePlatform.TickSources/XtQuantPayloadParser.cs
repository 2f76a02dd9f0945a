using System.Text.Json;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.TickSources;

/// <summary>
/// Reads one whole-quote callback payload, <c>{"600000.SH": {"time": ..., "lastPrice": ...}, ...}</c>,
/// exactly as xtquant delivers it. Fields bars do not need (bid/ask lists, pvolume, ...) are skipped
/// unless the caller asks for the quote fields (<see cref="TickBook"/>).
/// The whole line is parsed before any tick is used, so a malformed line contributes nothing.
/// </summary>
public sealed class XtQuantPayloadParser(Func<ReadOnlySpan<char>, int> resolveSymbol)
{
    private const int MaxSymbolLength = 64;
    private readonly char[] _symbol = new char[MaxSymbolLength];
    private readonly List<long> _clocks = [];

    /// <summary>
    /// Per tick of the last payload, index for index: its "engineClock" (the bar engine's clock when the
    /// ingest took it, as `quote ticks --format jsonl` writes it), or 0 when it has none (xtquant's own).
    /// </summary>
    public IReadOnlyList<long> Clocks => _clocks;

    /// <summary>
    /// Fills <paramref name="ticks"/> (cleared first) and, when given, <paramref name="books"/> with the
    /// quote fields of each tick at the same index; null on success, else what is wrong.
    /// </summary>
    public string? Parse(ReadOnlySpan<byte> line, List<SymbolTick> ticks, List<TickBook>? books = null)
    {
        ticks.Clear();
        books?.Clear();
        _clocks.Clear();
        var error = ParseInto(line, ticks, books);
        if (error is not null)
        {
            ticks.Clear();
            books?.Clear();
            _clocks.Clear();
        }

        return error;
    }

    private string? ParseInto(ReadOnlySpan<byte> line, List<SymbolTick> ticks, List<TickBook>? books)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "expected a JSON object {symbol: tick, ...}";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var handle = ResolveSymbol(ref reader);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return "a symbol's value must be a tick object";
                }

                if (ReadTick(ref reader, books, _clocks) is not { } tick)
                {
                    return "a tick has no numeric 'time'";
                }

                ticks.Add(new SymbolTick(handle, tick));
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? null : "unexpected content after the payload object";
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    private int ResolveSymbol(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxSymbolLength)
        {
            return -1;
        }

        var length = reader.CopyString(_symbol);
        return resolveSymbol(_symbol.AsSpan(0, length));
    }

    private static MarketTick? ReadTick(ref Utf8JsonReader reader, List<TickBook>? books, List<long> clocks)
    {
        long? time = null;
        long clock = 0;
        double lastPrice = 0, high = 0, low = 0, lastClose = 0, amount = 0, volume = 0, open = 0, pvolume = 0, transactions = 0;
        var status = 0;
        double[] bidPrices = [], askPrices = [];
        long[] bidVolumes = [], askVolumes = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("time"u8))
            {
                time = reader.Read() && reader.TokenType == JsonTokenType.Number ? (long)reader.GetDouble() : null;
            }
            else if (reader.ValueTextEquals("engineClock"u8))
            {
                clock = WholeOrZero(ReadNumber(ref reader));
            }
            else if (reader.ValueTextEquals("lastPrice"u8))
            {
                lastPrice = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("high"u8))
            {
                high = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("low"u8))
            {
                low = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("lastClose"u8))
            {
                lastClose = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("amount"u8))
            {
                amount = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                volume = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("stockStatus"u8))
            {
                status = (int)ReadNumber(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("open"u8))
            {
                open = ReadNumber(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("pvolume"u8))
            {
                pvolume = ReadNumber(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("transactionNum"u8))
            {
                transactions = ReadNumber(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("bidPrice"u8))
            {
                bidPrices = ReadNumbers(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("askPrice"u8))
            {
                askPrices = ReadNumbers(ref reader);
            }
            else if (books is not null && reader.ValueTextEquals("bidVol"u8))
            {
                bidVolumes = [.. ReadNumbers(ref reader).Select(v => (long)v)];
            }
            else if (books is not null && reader.ValueTextEquals("askVol"u8))
            {
                askVolumes = [.. ReadNumbers(ref reader).Select(v => (long)v)];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (time is not { } t)
        {
            return null;
        }

        clocks.Add(clock);
        books?.Add(new TickBook(open, bidPrices, bidVolumes, askPrices, askVolumes, WholeOrZero(pvolume), WholeOrZero(transactions)));
        return new MarketTick(t, lastPrice, high, low, lastClose, amount, (long)volume, status);
    }

    private static long WholeOrZero(double value) => double.IsFinite(value) ? (long)value : 0;

    /// <summary>A list of numbers (null entries become 0); anything else is malformed.</summary>
    private static double[] ReadNumbers(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected a list of numbers, found {reader.TokenType}");
        }

        var values = new List<double>(5);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.Null => 0,
                _ => throw new JsonException($"expected a number in the list, found {reader.TokenType}"),
            });
        }

        return [.. values];
    }

    /// <summary>A number, or NaN for null (the engine then rejects a price it needs).</summary>
    private static double ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.Null => double.NaN,
            _ => throw new JsonException($"expected a number, found {reader.TokenType}"),
        };
    }
}
