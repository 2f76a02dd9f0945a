namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>
/// The tick archive against the ticks the engine accepted: stored (each key once, as FINAL reads),
/// missing, duplicates (a key visible twice), and symbols whose stored ticks are not the accepted ones.
/// </summary>
public sealed record TickReconciliation(long Expected, long Stored, long Missing, long Duplicates, long Unexpected, IReadOnlyList<string> Examples)
{
    public bool Clean => Missing == 0 && Duplicates == 0 && Unexpected == 0;

    public override string ToString() =>
        $"ticks: expected {Expected:N0}, stored {Stored:N0}, missing {Missing}, duplicates {Duplicates}, unexpected {Unexpected}"
        + (Examples.Count > 0 ? "\n  " + string.Join("\n  ", Examples) : "");
}
