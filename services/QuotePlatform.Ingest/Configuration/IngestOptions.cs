using System.ComponentModel.DataAnnotations;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Configuration;

/// <summary>The ingest as a whole: which source, how bars are made, how often it reports.</summary>
public sealed class IngestOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Ingest";

    /// <summary>Qmt or Replay; no default, so a forgotten setting fails at start instead of guessing.</summary>
    [Required(ErrorMessage = "set Ingest:Source to Qmt or Replay")]
    public TickSourceKind? Source { get; set; }

    /// <summary>Bar periods sent to the relay (labels 1m, 5m, 15m, 30m, 60m, 1d).</summary>
    public List<string> Periods { get; set; } = [.. BarPeriods.All.Select(p => p.ToLabel())];

    public AuctionBar AuctionBar { get; set; } = AuctionBar.Merged;

    /// <summary>
    /// Hot standby: ingests that carry the same market name the same feed (e.g. cn-a). The relay lets
    /// one of them publish; the others run warm and take over when it stops. Empty: this ingest runs alone.
    /// </summary>
    [RegularExpression("^([A-Za-z0-9_.-]{1,32})?$", ErrorMessage = "must be empty or 1-32 letters, digits, '_', '.' or '-' (e.g. cn-a)")]
    public string Feed { get; set; } = "";

    /// <summary>How long after a bar's end ticks for it are still waited for before it closes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Pushes between the source and the bar engine. A full-market push is one item, so 256 is over
    /// ten minutes of live pushes: a full queue means the engine or the spool is stuck, not busy.
    /// </summary>
    [Range(1, 100_000)]
    public int PushQueueCapacity { get; set; } = 256;

    /// <summary>
    /// What closes bars: Auto (a replay by its data, a live source by the wall clock), Wall (the
    /// TimeProvider clock: a quiet minute still closes on time), or Data (the market's latest tick
    /// time: for a simulated feed whose clock runs faster or on another day than the machine's).
    /// </summary>
    public BarClock BarClock { get; set; } = BarClock.Auto;

    /// <summary>Live sources: how often the clock closes bars (a bar closes at its end plus Grace).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The periodic report in the log (the same numbers are metrics on meter QuotePlatform.Ingest).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<BarPeriod> ParsedPeriods() =>
        [.. Periods.Select(label => BarPeriods.TryParse(label.Trim(), out var period) ? period : BarPeriod.Unspecified).Distinct()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Periods.Count == 0 || ParsedPeriods().Contains(BarPeriod.Unspecified))
        {
            yield return new ValidationResult("must list periods among 1m, 5m, 15m, 30m, 60m, 1d", [nameof(Periods)]);
        }
    }
}
