using System.Globalization;
using System.Text;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Synth;

/// <summary>Counts of one run: lines, ticks by verdict, bars by period.</summary>
internal sealed class SynthSummary
{
    public long Lines { get; set; }

    public long MalformedLines { get; set; }

    public Dictionary<TickVerdict, long> Ticks { get; } = [];

    public Dictionary<BarPeriod, long> Bars { get; } = [];

    public long AcceptedTicks => Ticks.Where(t => t.Key.IsAccepted()).Sum(t => t.Value);

    public long RejectedTicks => Ticks.Where(t => !t.Key.IsAccepted()).Sum(t => t.Value);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"lines: {Lines} read, {MalformedLines} malformed (skipped)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"ticks: {AcceptedTicks} accepted (late {Count(TickVerdict.AcceptedLate)}, late_after_close {Count(TickVerdict.AcceptedAfterDayClosed)}), {RejectedTicks} rejected");
        foreach (var (verdict, count) in Ticks.Where(t => !t.Key.IsAccepted() && t.Value > 0).OrderBy(t => t.Key))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  rejected {verdict.ToCode()}: {count}");
        }

        text.Append("bars:");
        foreach (var (period, count) in Bars.OrderBy(b => b.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $" {period.ToLabel()} {count}");
        }

        return text.ToString();
    }

    private long Count(TickVerdict verdict) => Ticks.GetValueOrDefault(verdict);
}
