using System.Globalization;
using QuotePlatform.Cli.Input;
using QuotePlatform.Cli.Output;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Synth;

/// <summary>
/// Offline synthesis: payload lines in, ordered bars out. The watermark is the latest tick time of the
/// whole market, advanced before each tick, so splitting the same ticks differently across payloads
/// gives the same bars.
/// </summary>
internal static class SynthRunner
{
    public static SynthSummary Run(Stream ticks, Stream output, TextWriter diagnostics, SynthSettings settings)
    {
        var collector = new BarCollector(settings.Periods);
        var engine = new BarSynthesizer(
            new SynthesisOptions { AuctionBar = settings.AuctionBar, Grace = settings.Grace, EmitForming = false },
            new RollupAggregator(collector, settings.Periods));
        var parser = new XtQuantPayloadParser(engine.GetHandle);
        var reader = new JsonLineReader(ticks);
        var parsed = new List<SymbolTick>();
        var summary = new SynthSummary();
        var watermark = long.MinValue;

        while (reader.TryReadLine(out var line))
        {
            summary.Lines++;
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (parser.Parse(line, parsed) is { } error)
            {
                summary.MalformedLines++;
                diagnostics.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {summary.Lines}: malformed, skipped: {error}"));
                continue;
            }

            foreach (var (handle, tick) in parsed)
            {
                if (handle >= 0 && tick.TimeUnixMs > watermark)
                {
                    watermark = tick.TimeUnixMs;
                    engine.AdvanceWatermark(watermark);
                }

                engine.OnTick(handle, tick);
            }
        }

        engine.Flush();
        using (var writer = new BarJsonWriter(output))
        {
            foreach (var bar in collector.Ordered())
            {
                writer.Write(bar);
            }
        }

        foreach (var verdict in Enum.GetValues<TickVerdict>())
        {
            summary.Ticks[verdict] = engine.Count(verdict);
        }

        foreach (var period in settings.Periods)
        {
            summary.Bars[period] = collector.Count(period);
        }

        return summary;
    }
}
