using System.Globalization;
using System.Text;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Publishing;

/// <summary>
/// Counts of one run. What was built is counted by the batch builder (one thread), what the relay
/// answered by the publisher under its lock; the summary is read once both are done.
/// </summary>
internal sealed class PublishSummary
{
    public Dictionary<BarPeriod, long> FinalBars { get; } = [];

    public long FormingBars { get; set; }

    public long Quotes { get; set; }

    public long Batches { get; set; }

    public ulong? FirstSequence { get; set; }

    public ulong? LastSequence { get; set; }

    public long Written { get; set; }

    public long Duplicates { get; set; }

    public long FailedAnswers { get; set; }

    public long Resent { get; set; }

    public long AcceptedBars { get; set; }

    public long AcceptedQuotes { get; set; }

    public Dictionary<string, long> Rejections { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; set; }

    public long TotalFinalBars => FinalBars.Values.Sum();

    public void RecordAnswer(PublishResponse answer)
    {
        if (answer.Status == BatchStatus.Duplicate)
        {
            Duplicates++;
        }
        else
        {
            Written++;
        }

        AcceptedBars += answer.AcceptedBars;
        AcceptedQuotes += answer.AcceptedQuotes;
        foreach (var rejection in answer.Rejections)
        {
            Rejections[rejection.Reason] = Rejections.GetValueOrDefault(rejection.Reason) + 1;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"batches: {Batches} sent (sequences {FirstSequence}..{LastSequence}), {Written} written, {Duplicates} duplicate, {FailedAnswers} answered FAILED, {Resent} resent");
        text.Append("final bars:");
        foreach (var (period, count) in FinalBars.OrderBy(b => b.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $" {period.ToLabel()} {count}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"; forming updates {FormingBars}; quotes {Quotes}");
        text.AppendLine(CultureInfo.InvariantCulture, $"accepted by the relay: {AcceptedBars} bars, {AcceptedQuotes} quotes");
        text.AppendLine(Rejections.Count == 0
            ? "rejections: none"
            : "rejections: " + string.Join(", ", Rejections.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")));
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-3);
        text.Append(CultureInfo.InvariantCulture,
            $"elapsed {Elapsed.TotalSeconds:F1} s, {(TotalFinalBars + FormingBars) / seconds:F0} bars/s ({TotalFinalBars / seconds:F0} final bars/s)");
        return text.ToString();
    }
}
