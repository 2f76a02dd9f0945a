using System.Globalization;

namespace QuotePlatform.Testing;

/// <summary>Percentiles of recorded latencies, printed the same way by every benchmark.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _millis = [];

    public int Count => _millis.Count;

    public void Add(TimeSpan latency) => _millis.Add(latency.TotalMilliseconds);

    public double Percentile(double p)
    {
        if (_millis.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _millis.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={Percentile(50):F2} ms p90={Percentile(90):F2} ms p99={Percentile(99):F2} ms max={Percentile(100):F2} ms");
}
