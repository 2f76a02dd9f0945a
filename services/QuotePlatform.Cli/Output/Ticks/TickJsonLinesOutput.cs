using System.Buffers;
using System.Text.Json;
using Google.Protobuf.Collections;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Cli.Output.Ticks;

/// <summary>
/// One tick a line in xtquant's whole-quote shape, as a one-symbol payload
/// <c>{"600000.SH": {"time": ..., "lastPrice": ..., ...}}</c>: what `quote synth --ticks` and anything that
/// reads recorded xtquant callbacks take. Two keys xtquant does not have ride along: "receivedTime" (when
/// the ingest got the push) and "engineClock" (the bar engine's clock when it took the tick: synth
/// advances its clock to it, so a tick that came after its bar closed goes into the next bar again).
/// </summary>
internal sealed class TickJsonLinesOutput(TextWriter output) : ITickOutput
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public async Task WriteAsync(IReadOnlyList<Tick> ticks, CancellationToken cancellationToken)
    {
        foreach (var tick in ticks)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                Write(json, tick);
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan).AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    public static void Write(Utf8JsonWriter json, Tick tick)
    {
        json.WriteStartObject();
        json.WriteStartObject(tick.Symbol);
        json.WriteNumber("time"u8, tick.TimeUnixMs);
        json.WriteNumber("lastPrice"u8, tick.LastPrice);
        json.WriteNumber("open"u8, tick.Open);
        json.WriteNumber("high"u8, tick.High);
        json.WriteNumber("low"u8, tick.Low);
        json.WriteNumber("lastClose"u8, tick.LastClose);
        json.WriteNumber("amount"u8, tick.AmountCny);
        json.WriteNumber("volume"u8, tick.VolumeLots);
        json.WriteNumber("pvolume"u8, tick.PvolumeShares);
        json.WriteNumber("stockStatus"u8, tick.StockStatus);
        json.WriteNumber("transactionNum"u8, tick.TransactionNum);
        Numbers(json, "askPrice"u8, tick.AskPrices);
        Numbers(json, "bidPrice"u8, tick.BidPrices);
        Numbers(json, "askVol"u8, tick.AskVolumesLots);
        Numbers(json, "bidVol"u8, tick.BidVolumesLots);
        json.WriteNumber("receivedTime"u8, tick.ReceivedUnixMs);
        json.WriteNumber("engineClock"u8, tick.ClockUnixMs);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, ReadOnlySpan<byte> name, RepeatedField<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter json, ReadOnlySpan<byte> name, RepeatedField<long> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
