using System.Text.Json;

namespace QuotePlatform.Ingest.Sources.Qmt.Recording;

/// <summary>
/// Appends each push as one line of the `quote synth` / replay input format, the payload as
/// subscribe_whole_quote delivers it: {"600000.SH": {"time": ..., "lastPrice": ..., ...}, ...}.
/// A recorded day replays, shares and debugs like the live feed.
/// </summary>
internal sealed class PushRecorder : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public PushRecorder(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { SkipValidation = true });
    }

    public long Lines { get; private set; }

    public void Write(TickPush push)
    {
        // One object per line: a symbol seen twice in a push (list-shaped deliveries) opens a new line.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _json.WriteStartObject();
        foreach (var (symbol, tick, book) in push.Ticks)
        {
            if (!seen.Add(symbol))
            {
                EndLine();
                seen.Clear();
                seen.Add(symbol);
                _json.WriteStartObject();
            }

            _json.WriteStartObject(symbol);
            _json.WriteNumber("time"u8, tick.TimeUnixMs);
            Number("lastPrice"u8, tick.LastPrice);
            Number("open"u8, book.Open);
            Number("high"u8, tick.High);
            Number("low"u8, tick.Low);
            Number("lastClose"u8, tick.LastClose);
            Number("amount"u8, tick.Amount);
            _json.WriteNumber("volume"u8, tick.VolumeLots);
            _json.WriteNumber("stockStatus"u8, tick.Status);
            Numbers("bidPrice"u8, book.BidPrices);
            Numbers("askPrice"u8, book.AskPrices);
            Numbers("bidVol"u8, book.BidVolumes);
            Numbers("askVol"u8, book.AskVolumes);
            _json.WriteEndObject();
        }

        EndLine();
    }

    public void Flush() => _file.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _file.Write(NewLine);
        Lines++;
    }

    /// <summary>JSON has no NaN: a missing price is written as null, which the replay parser reads back as NaN.</summary>
    private void Number(ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value))
        {
            _json.WriteNumber(name, value);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void Numbers(ReadOnlySpan<byte> name, double[] values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }

    private void Numbers(ReadOnlySpan<byte> name, long[] values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }
}
