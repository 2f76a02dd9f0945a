using System.Globalization;
using QuotePlatform.Testing.FullMarket.Verification;

namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>What a fault did: the reconciliation, how long the pipeline took to hold everything again, and what was seen on the way.</summary>
/// <param name="Ticks">The tick archive's reconciliation, for the scenarios whose producer sends ticks.</param>
public sealed record ChaosOutcome(string Name, Reconciliation Result, TimeSpan Recovery, string Detail, IReadOnlyList<string> Errors, TickReconciliation? Ticks = null)
{
    public bool Passed => Result.Exact && StreamsExact && (Ticks?.Clean ?? true);

    /// <summary>False when a final bar went into the final-bar streams twice (live subscribers would receive it twice).</summary>
    public bool StreamsExact { get; init; } = true;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-34} {(Passed ? "OK  " : "FAIL")} lost {Result.Missing}, doubled {Result.Duplicates}, differing {Result.Differing + Result.Unexpected}; recovery {Recovery.TotalSeconds:F1} s; {Detail}; {Result}{(Ticks is null ? "" : $"; {Ticks}")}");
}
