namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>One field over every bar both sides have: how many differ beyond the tolerance, and by how much at most.</summary>
public sealed class FieldDifferences(BarField field)
{
    public BarField Field { get; } = field;

    public long BarsDiffering { get; private set; }

    /// <summary>Largest |ingest - QMT| (CNY for prices and amount, shares for volume), tolerated ones included.</summary>
    public double MaxAbsolute { get; private set; }

    /// <summary>Largest |ingest - QMT| / |QMT| (0 when QMT's value is 0 and the ingest's too).</summary>
    public double MaxRelative { get; private set; }

    internal bool Add(double ingest, double qmt, ComparisonTolerance tolerance)
    {
        var absolute = Math.Abs(ingest - qmt);
        var relative = qmt != 0 ? absolute / Math.Abs(qmt) : absolute == 0 ? 0 : double.PositiveInfinity;
        MaxAbsolute = Math.Max(MaxAbsolute, absolute);
        MaxRelative = Math.Max(MaxRelative, relative);
        if (tolerance.Accepts(absolute, Math.Abs(qmt)))
        {
            return false;
        }

        BarsDiffering++;
        return true;
    }
}
