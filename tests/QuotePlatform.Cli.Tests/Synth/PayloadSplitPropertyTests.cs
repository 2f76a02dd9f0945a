using System.Text;
using CsCheck;
using QuotePlatform.Cli.Synth;

namespace QuotePlatform.Cli.Tests.Synth;

public sealed class PayloadSplitPropertyTests
{
    private static readonly string[] Symbols = ["600000.SH", "000001.SZ", "300750.SZ", "430047.BJ"];

    /// <summary>Ticks in arrival order: (symbol index, second of day offset, lots added, price in cents).</summary>
    private static readonly Gen<(int Symbol, int Seconds, int Lots, int Cents)[]> Ticks =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 120], Gen.Int[0, 30], Gen.Int[950, 1050]).Array[1, 200];

    [Fact]
    public void Run_SameTicksSplitDifferentlyAcrossPayloads_SameBars()
    {
        Gen.Select(Ticks, Gen.Int.Array[200], Gen.Int.Array[200]).Sample((ticks, splitA, splitB) =>
        {
            var stream = Materialize(ticks);

            var a = Synthesize(Split(stream, splitA));
            var b = Synthesize(Split(stream, splitB));
            var one = Synthesize(Split(stream, new int[200]));

            Assert.Equal(a, b);
            Assert.Equal(a, one);
        }, iter: 100);
    }

    private static List<(string Symbol, string Tick)> Materialize((int Symbol, int Seconds, int Lots, int Cents)[] raw)
    {
        var time = Payloads.At(9, 20);
        var volume = new long[Symbols.Length];
        var amount = new double[Symbols.Length];
        var ticks = Symbols.Select(s => (s, Payloads.Tick(Payloads.At(9, 15), 0, 0))).ToList();
        foreach (var (symbol, seconds, lots, cents) in raw)
        {
            time += seconds * 1000L;
            var price = cents / 100.0;
            volume[symbol] += lots;
            amount[symbol] += lots * 100 * price;
            ticks.Add((Symbols[symbol], Payloads.Tick(time, price, volume[symbol], amount[symbol], high: 11, low: 9)));
        }

        return ticks;
    }

    /// <summary>
    /// Cuts the tick stream into payloads: a new payload starts where <paramref name="cuts"/> says, and
    /// whenever a symbol would repeat (a payload holds each symbol once, as xtquant's dict does).
    /// </summary>
    private static string[] Split(List<(string Symbol, string Tick)> ticks, int[] cuts)
    {
        var lines = new List<string>();
        var current = new List<(string, string)>();
        for (var i = 0; i < ticks.Count; i++)
        {
            var cut = cuts[i % cuts.Length] % 3 == 1;
            if (current.Count > 0 && (cut || current.Exists(t => t.Item1 == ticks[i].Symbol)))
            {
                lines.Add(Payloads.Line([.. current]));
                current.Clear();
            }

            current.Add(ticks[i]);
        }

        lines.Add(Payloads.Line([.. current]));
        return [.. lines];
    }

    private static string Synthesize(string[] lines)
    {
        var output = new MemoryStream();
        SynthRunner.Run(Payloads.Stream(lines), output, TextWriter.Null, SynthSettings.Default);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
