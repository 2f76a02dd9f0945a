using QuotePlatform.Cli.Input;
using QuotePlatform.Cli.Output;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Synth;

/// <summary>
/// Offline synthesis: payload lines in (through <see cref="PayloadFeed"/>), ordered bars out.
/// </summary>
internal static class SynthRunner
{
    public static SynthSummary Run(Stream ticks, Stream output, TextWriter diagnostics, SynthSettings settings)
    {
        var collector = new BarCollector(settings.Periods);
        var engine = new BarSynthesizer(
            new SynthesisOptions { AuctionBar = settings.AuctionBar, Grace = settings.Grace, EmitForming = false },
            new RollupAggregator(collector, settings.Periods));
        var feed = new PayloadFeed(ticks, engine, diagnostics);
        while (feed.ReadPayload())
        {
            feed.Apply();
        }

        engine.Flush();
        var summary = new SynthSummary { Lines = feed.Lines, MalformedLines = feed.MalformedLines };
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
