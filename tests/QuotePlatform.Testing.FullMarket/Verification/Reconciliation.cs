using System.Globalization;

namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>
/// Stored bars against the offline engine, per (symbol, period, frame). Missing: expected and not
/// stored. Duplicates: keys a reader sees more than once (FINAL). Differing: stored with other
/// values. Unexpected: stored keys the engine never produced. Redelivered rows: physical rows beyond
/// one per key (a retried or redelivered insert) that FINAL collapses, shown for information.
/// </summary>
public sealed record Reconciliation(long Expected, long Stored, long Missing, long Duplicates, long Differing, long Unexpected, long RedeliveredRows, IReadOnlyList<string> Examples)
{
    public bool Exact => Missing == 0 && Duplicates == 0 && Differing == 0 && Unexpected == 0;

    public override string ToString()
    {
        var examples = Examples.Count > 0 ? "; e.g. " + string.Join("; ", Examples) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"expected {Expected:N0}, stored {Stored:N0}, missing {Missing}, duplicates {Duplicates}, differing {Differing}, unexpected {Unexpected} (redelivered rows collapsed by FINAL: {RedeliveredRows}){examples}");
    }
}
