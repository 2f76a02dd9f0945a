namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>
/// Two values agree when they differ by at most <paramref name="Absolute"/> or by at most
/// <paramref name="Relative"/> of QMT's value: prices tick in 0.01 CNY and amounts are sums of
/// rounded fills, so float noise must not count as a difference.
/// </summary>
public readonly record struct ComparisonTolerance(double Absolute, double Relative)
{
    public bool Accepts(double absoluteDifference, double magnitude) =>
        absoluteDifference <= Absolute || absoluteDifference <= Relative * magnitude;
}
