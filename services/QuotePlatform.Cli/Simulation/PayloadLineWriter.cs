using System.Text.Json;

namespace QuotePlatform.Cli.Simulation;

/// <summary>
/// Writes one whole-quote callback per line, <c>{"600000.SH": {tick}, ...}</c>, with the fields and
/// units xtquant uses. Prices and amounts are rounded to the fen so the text is short and exact.
/// </summary>
internal sealed class PayloadLineWriter : IDisposable
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public PayloadLineWriter(Stream output)
    {
        _output = new BufferedStream(output, 1 << 16);
        _json = new Utf8JsonWriter(_output);
    }

    public long Lines { get; private set; }

    public long Ticks { get; private set; }

    public void WriteLine(IEnumerable<SimulatedStock> stocks, long timeUnixMs, Func<SimulatedStock, long> delayMs, int status, int suspendedStatus)
    {
        _json.WriteStartObject();
        foreach (var stock in stocks)
        {
            _json.WritePropertyName(stock.Symbol);
            WriteTick(stock, timeUnixMs + delayMs(stock), stock.Suspended ? suspendedStatus : status);
            Ticks++;
        }

        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _output.WriteByte((byte)'\n');
        Lines++;
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.Flush();
    }

    private void WriteTick(SimulatedStock stock, long time, int status)
    {
        _json.WriteStartObject();
        _json.WriteNumber("time"u8, time);
        _json.WriteNumber("lastPrice"u8, Math.Round(stock.LastPrice, 2));
        _json.WriteNumber("open"u8, stock.Open);
        _json.WriteNumber("high"u8, stock.High);
        _json.WriteNumber("low"u8, stock.Low);
        _json.WriteNumber("lastClose"u8, stock.LastClose);
        _json.WriteNumber("amount"u8, Math.Round(stock.Amount, 2));
        _json.WriteNumber("volume"u8, stock.VolumeLots);
        _json.WriteNumber("pvolume"u8, stock.VolumeLots * 100);
        _json.WriteNumber("stockStatus"u8, status);
        _json.WriteNumber("transactionNum"u8, stock.Trades);
        WriteList("askPrice"u8, stock.AskPrices);
        WriteList("bidPrice"u8, stock.BidPrices);
        WriteList("askVol"u8, stock.AskVolumes);
        WriteList("bidVol"u8, stock.BidVolumes);
        _json.WriteEndObject();
    }

    private void WriteList(ReadOnlySpan<byte> name, double[] values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }

    private void WriteList(ReadOnlySpan<byte> name, long[] values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }
}
