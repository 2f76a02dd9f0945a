using System.Globalization;
using System.Text;

namespace QuotePlatform.Cli.Tests.Synth;

/// <summary>Builds xtquant whole-quote payload lines for tests.</summary>
internal static class Payloads
{
    // Friday 2025-06-06 00:00 Beijing.
    public const long Day = 1_749_139_200_000;

    public static long At(int hour, int minute, int second = 0) => Day + ((((hour * 60L) + minute) * 60L) + second) * 1000L;

    public static string Tick(long time, double price, long volume, double? amount = null, double high = 0, double low = 0, double lastClose = 10.0, int status = 0) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"time": {{time}}, "lastPrice": {{price}}, "open": 0, "high": {{high}}, "low": {{low}}, "lastClose": {{lastClose}}, "amount": {{amount ?? volume * 100 * price}}, "volume": {{volume}}, "pvolume": {{volume * 100}}, "stockStatus": {{status}}, "transactionNum": 0, "askPrice": [0, 0, 0, 0, 0], "bidPrice": [0, 0, 0, 0, 0], "askVol": [0, 0, 0, 0, 0], "bidVol": [0, 0, 0, 0, 0]}""");

    public static string Line(params (string Symbol, string Tick)[] ticks) =>
        "{" + string.Join(", ", ticks.Select(t => $"\"{t.Symbol}\": {t.Tick}")) + "}";

    public static Stream Stream(params string[] lines) => new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
}
