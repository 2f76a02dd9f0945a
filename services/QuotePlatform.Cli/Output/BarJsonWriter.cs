using System.Text.Encodings.Web;
using System.Text.Json;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output;

/// <summary>
/// Writes bars as JSON Lines: {"symbol","period","frame" (ISO-8601, +08:00),"open","high","low",
/// "close","volume" (shares),"amount" (CNY)}.
/// </summary>
internal sealed class BarJsonWriter : IDisposable
{
    // The default encoder escapes '+' (as \u002B), which would spoil the +08:00 offset.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public BarJsonWriter(Stream output)
    {
        _output = new BufferedStream(output, 1 << 16);
        _json = new Utf8JsonWriter(_output, Options);
    }

    public void Write(in Bar bar)
    {
        _json.WriteStartObject();
        _json.WriteString("symbol"u8, bar.Symbol);
        _json.WriteString("period"u8, bar.Period.ToLabel());
        _json.WriteString("frame"u8, BeijingTime.Format(bar.FrameUnixMs));
        _json.WriteNumber("open"u8, bar.Open);
        _json.WriteNumber("high"u8, bar.High);
        _json.WriteNumber("low"u8, bar.Low);
        _json.WriteNumber("close"u8, bar.Close);
        _json.WriteNumber("volume"u8, bar.VolumeShares);

        // Amounts are differences of large cumulative sums: round off the floating-point dust to the fen.
        _json.WriteNumber("amount"u8, Math.Round(bar.AmountCny, 2));
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _output.WriteByte((byte)'\n');
    }

    /// <summary>Pushes what was written to the stream, e.g. before acknowledging the bars it holds.</summary>
    public void Flush() => _output.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _output.Flush();
    }
}
