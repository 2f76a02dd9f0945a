using System.Text.Json;

namespace QuotePlatform.Testing.FullMarket.Market;

/// <summary>
/// Writes pushes of a generated day as xtquant delivers them (`quote simulate` format, one
/// whole-quote callback per line), so the ingest service can replay them from a file. Numbers are
/// written round-trippable, so the replay sees exactly the ticks the offline engine sees.
/// </summary>
public static class MarketDayRecording
{
    public static void Write(string path, MarketDay day, int pushes)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        for (var n = 0; n < pushes && day.Next() is { } push; n++)
        {
            json.WriteStartObject();
            for (var i = 0; i < push.Count; i++)
            {
                var tick = push.Ticks[i];
                json.WriteStartObject(day.Symbols[push.SymbolIndexes[i]]);
                json.WriteNumber("time"u8, tick.TimeUnixMs);
                json.WriteNumber("lastPrice"u8, tick.LastPrice);
                json.WriteNumber("open"u8, day.OpenOf(push.SymbolIndexes[i]));
                json.WriteNumber("high"u8, tick.High);
                json.WriteNumber("low"u8, tick.Low);
                json.WriteNumber("lastClose"u8, tick.LastClose);
                json.WriteNumber("amount"u8, tick.Amount);
                json.WriteNumber("volume"u8, tick.VolumeLots);
                json.WriteNumber("stockStatus"u8, tick.Status);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.Flush();
            file.WriteByte((byte)'\n');
            json.Reset();
        }
    }
}
